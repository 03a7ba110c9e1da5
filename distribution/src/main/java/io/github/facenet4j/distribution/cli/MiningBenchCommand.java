package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.MiningResult;
import io.github.facenet4j.api.TripletMiner;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.distribution.bench.ClusteredBatch;
import io.github.facenet4j.distribution.bench.MiningBenchmark;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code facenet bench mining}: one miner on a synthetic FaceNet-sized batch. */
@Command(name = "mining", mixinStandardHelpOptions = true,
        description = "Time a triplet miner on clustered random unit vectors (P identities × K faces).")
public final class MiningBenchCommand extends PluginCommand {

    /**
     * The largest batch a miner is timed on, and trained on (P × K): the pairwise distances are
     * an n × n float matrix, 256 MiB at 8192 (the JVM's default heap is a quarter of the
     * machine's memory, 2 GB on an 8 GB laptop, and a run holds more than one matrix), and mining
     * time grows with n² × K (one semi-hard call at 8192 = 256 × 32 took 7 s here, so the default
     * 70 calls take minutes); 2 000 000 would need 16 TB. FaceNet's batches held about 1800 faces.
     */
    static final int MAX_BATCH = 8192;

    /** Embedding dimensions beyond any FaceNet-style model (128 to 512); n × d floats per batch. */
    static final int MAX_DIMENSION = 4096;

    private static final OptionRange BATCH = OptionRange.between("--batch", 2, MAX_BATCH,
            "an n × n distance matrix, 256 MiB at " + MAX_BATCH);
    private static final OptionRange DIMENSION = dimension("--dim");

    /** An embedding dimension option's range, [1, {@link #MAX_DIMENSION}]; train's too. */
    static OptionRange dimension(String option) {
        return OptionRange.between(option, 1, MAX_DIMENSION, "beyond any face embedding");
    }

    @Option(names = "--miner", defaultValue = "semi-hard", description = "Miner name (default: ${DEFAULT-VALUE}).")
    String miner;

    @Option(names = "--batch", defaultValue = "1800",
            description = "Batch size n, at most " + MAX_BATCH + " (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--per-identity", defaultValue = "40",
            description = "Faces per identity K; n must be a multiple (default: ${DEFAULT-VALUE}).")
    int perIdentity;

    @Option(names = "--dim", defaultValue = "128", description = "Embedding dimension (default: ${DEFAULT-VALUE}).")
    int dimension;

    @Option(names = "--spread", defaultValue = "1.4",
            description = "Within-identity noise σ (default: ${DEFAULT-VALUE}).")
    double spread;

    @Option(names = "--warmup", defaultValue = "20", description = "Unmeasured calls first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--runs", defaultValue = "50", description = "Measured calls (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;


    @Override
    public Integer call() {
        BATCH.check(batch);
        DIMENSION.check(dimension);
        if (perIdentity < 1 || batch % perIdentity != 0) {
            throw new ConfigurationException("--batch " + batch + " must be a multiple of --per-identity "
                    + perIdentity + ".");
        }
        MiningBenchmark.Settings settings = new MiningBenchmark.Settings(warmup, runs, seed);
        EmbeddingBatch embeddings = new ClusteredBatch(batch / perIdentity, perIdentity, dimension, spread, seed)
                .generate();
        MiningBenchmark.Report report;
        String runtimeName;
        try (PluginRuntime runtime = runtimeOptions.start()) {
            TripletMiner chosen = runtime.get(TripletMiner.class, miner);
            runtimeName = runtime.kind().name().toLowerCase(Locale.ROOT);
            report = new MiningBenchmark(settings).run(chosen, embeddings);
        }
        print(report, runtimeName);
        return 0;
    }

    private void print(MiningBenchmark.Report report, String runtimeName) {
        PrintWriter out = spec.commandLine().getOut();
        MiningResult result = report.lastResult();
        double allocatedMb = report.allocatedBytesPerRun() < 0 ? -1 : report.allocatedBytesPerRun() / 1048576.0;
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("miner", report.miner());
            document.put("runtime", runtimeName);
            document.put("batch", batch);
            document.put("identities", batch / perIdentity);
            document.put("per_identity", perIdentity);
            document.put("dim", dimension);
            document.put("spread", spread);
            document.put("runs", report.timings().runs());
            document.put("median_ms", report.timings().medianMs());
            document.put("min_ms", report.timings().minMs());
            document.put("max_ms", report.timings().maxMs());
            document.put("distances_median_ms", report.distanceTimings().medianMs());
            document.put("triplets", result.triplets().size());
            document.put("anchor_positive_pairs", result.anchorPositivePairs());
            document.put("candidate_triplets", result.candidateTriplets());
            document.put("fallback_pairs", result.fallbackPairs());
            document.put("skipped_pairs", result.skippedPairs());
            document.put("allocated_mb_per_run", allocatedMb);
            document.put("vectorised_distances", report.vectorised());
            out.println(Json.writePretty(document));
        } else {
            out.printf(Locale.ROOT, "miner %s (%s runtime) on %d × %d (%d identities × %d, σ %.2f), %d runs after %d warm-up%n",
                    report.miner(), runtimeName, batch, dimension, batch / perIdentity, perIdentity, spread,
                    report.timings().runs(), warmup);
            Table table = new Table("STEP", "MEDIAN ms", "MIN ms", "MAX ms");
            table.row("mine (total)", ms(report.timings().medianMs()), ms(report.timings().minMs()),
                    ms(report.timings().maxMs()));
            table.row("pairwise distances alone" + (report.vectorised() ? "" : " (scalar kernel)"),
                    ms(report.distanceTimings().medianMs()), ms(report.distanceTimings().minMs()),
                    ms(report.distanceTimings().maxMs()));
            out.print(table.render());
            out.printf(Locale.ROOT, "triplets %d from %d anchor-positive pairs; candidates %d; fallback pairs %d; skipped pairs %d%n",
                    result.triplets().size(), result.anchorPositivePairs(), result.candidateTriplets(),
                    result.fallbackPairs(), result.skippedPairs());
            out.printf(Locale.ROOT, "peak extra memory ≤ %.1f MB (bytes allocated per run, all threads)%n", allocatedMb);
        }
        out.flush();
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
