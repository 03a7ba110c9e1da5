package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.EvaluationInput;
import io.github.facenet4j.api.EvaluationResult;
import io.github.facenet4j.api.Evaluator;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.distribution.bench.ClusteredBatch;
import io.github.facenet4j.distribution.bench.LiveHeap;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.gallery.Clusterer;
import io.github.facenet4j.gallery.Clusters;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code facenet bench cluster}: clusterer plugins on N labelled embeddings generated like
 * faces (identities × {@value #PER_IDENTITY}: a unit centre from N(0, 1)^128, each face the
 * centre plus {@value #NOISE}·N(0, 1) per component, normalised): time, peak live heap ({@link LiveHeap}), and the
 * pairwise and BCubed F1 of the {@code clustering-quality} evaluator plugin.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Time clusterer plugins on N synthetic labelled face embeddings (identities × 5, 128-d):"
                + " seconds, peak live heap, pairwise and BCubed F1 (evaluator clustering-quality).")
public final class ClusterBenchCommand extends PluginCommand {

    static final int PER_IDENTITY = 5;
    static final double NOISE = 0.06;
    static final int DIMENSION = 128;
    /** The most embeddings: n × 128 floats, 512 MB at 1,000,000, beside each algorithm's own memory. */
    static final int MAX_SIZE = 1_000_000;

    private static final OptionRange SIZE = OptionRange.between("--size", PER_IDENTITY, MAX_SIZE,
            "n × 128 floats, 512 MB at " + MAX_SIZE);
    private static final OptionRange RUNS = OptionRange.between("--runs", 1, 100, "each run clusters all N again");

    @Option(names = "--size", required = true, paramLabel = "N",
            description = "Embeddings, a multiple of " + PER_IDENTITY + " up to " + MAX_SIZE + ".")
    int size;

    @Option(names = "--algorithm", paramLabel = "NAME|all", defaultValue = "all",
            description = "Clusterer plugin, or all installed ones (default: ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--threshold", paramLabel = "T", defaultValue = "1.0",
            description = "Squared L2 threshold (eps): same-identity faces lie near 0.6, others near 2"
                    + " (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--runs", defaultValue = "1", description = "Runs per algorithm; the median is shown (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    /** One algorithm's figures: medians over the runs, or the line it refused with. */
    record Row(String algorithm, double medianSeconds, double peakHeapMb, int clusters, int noise, boolean approximate,
               double pairwiseF1, double bcubedF1, String refused) {
    }

    @Override
    public Integer call() {
        SIZE.check(size);
        RUNS.check(runs);
        FaceCommand.requireThreshold(threshold);
        if (size % PER_IDENTITY != 0) {
            throw new ConfigurationException("--size " + size + " must be a multiple of " + PER_IDENTITY
                    + " (identities × " + PER_IDENTITY + " faces)");
        }
        Clusterer.Threshold t = Clusterer.Threshold.given(threshold);
        List<Row> rows = new ArrayList<>();
        try (PluginRuntime runtime = runtimeOptions.start()) {
            List<String> names = algorithm.equals("all") ? runtime.names(PluginKind.of(Clusterer.class))
                    : List.of(algorithm);
            List<Clusterer> clusterers = names.stream().map(name -> runtime.get(Clusterer.class, name)).toList();
            Evaluator quality = runtime.get(Evaluator.class, "clustering-quality");
            EmbeddingBatch batch = new ClusteredBatch(size / PER_IDENTITY, PER_IDENTITY, DIMENSION,
                    NOISE * Math.sqrt(DIMENSION), seed).generate();
            for (Clusterer clusterer : clusterers) {
                rows.add(measure(clusterer, batch, t, quality, names.size() > 1));
            }
        }
        print(rows);
        return 0;
    }

    private Row measure(Clusterer clusterer, EmbeddingBatch batch, Clusterer.Threshold t, Evaluator quality,
                        boolean keepGoing) {
        double[] seconds = new double[runs];
        double[] peaks = new double[runs];
        Clusters clusters = null;
        for (int r = 0; r < runs; r++) {
            try (LiveHeap heap = new LiveHeap()) {
                long start = System.nanoTime();
                clusters = clusterer.cluster(batch.embeddings(), t);
                seconds[r] = (System.nanoTime() - start) / 1e9;
                peaks[r] = heap.peakBytes() / 1048576.0;
            } catch (BadInputException e) {
                if (!keepGoing) {
                    throw e;
                }
                return new Row(clusterer.name(), Double.NaN, Double.NaN, 0, 0, false, Double.NaN, Double.NaN,
                        e.getMessage());
            }
        }
        EvaluationResult result = quality.evaluate(EvaluationInput.of(batch).withClusters(clusters.ids()));
        return new Row(clusterer.name(), median(seconds), median(peaks), clusters.count(), clusters.noise(),
                clusters.approximate(), ((Number) result.metrics().get("pairwise_f1")).doubleValue(),
                ((Number) result.metrics().get("bcubed_f1")).doubleValue(), null);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private void print(List<Row> rows) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Row row : rows) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("algorithm", row.algorithm());
                if (row.refused() != null) {
                    entry.put("refused", row.refused());
                } else {
                    entry.put("median_s", row.medianSeconds());
                    entry.put("peak_live_heap_mb", row.peakHeapMb());
                    entry.put("clusters", row.clusters());
                    entry.put("noise", row.noise());
                    entry.put("approximate", row.approximate());
                    entry.put("pairwise_f1", row.pairwiseF1());
                    entry.put("bcubed_f1", row.bcubedF1());
                }
                list.add(entry);
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("size", size);
            document.put("identities", size / PER_IDENTITY);
            document.put("threshold", threshold);
            document.put("runs", runs);
            document.put("seed", seed);
            document.put("cores", Runtime.getRuntime().availableProcessors());
            document.put("results", list);
            out.println(Json.writePretty(document));
        } else {
            out.printf(Locale.ROOT, "%,d embeddings (%,d identities × %d, 128-d, noise %.2f), threshold %.2f, %d run(s),"
                    + " %d cores%n", size, size / PER_IDENTITY, PER_IDENTITY, NOISE, threshold, runs,
                    Runtime.getRuntime().availableProcessors());
            Table table = new Table("ALGORITHM", "MEDIAN s", "PEAK LIVE HEAP MB", "CLUSTERS", "NOISE", "GRAPH", "PAIRWISE F1",
                    "BCUBED F1");
            for (Row row : rows) {
                if (row.refused() != null) {
                    table.row(row.algorithm(), "-", "-", "-", "-", "-", "-", "refused: " + row.refused());
                } else {
                    table.row(row.algorithm(), String.format(Locale.ROOT, "%.2f", row.medianSeconds()),
                            String.format(Locale.ROOT, "%.0f", row.peakHeapMb()), row.clusters(), row.noise(),
                            row.approximate() ? "hnsw" : "exact", String.format(Locale.ROOT, "%.4f", row.pairwiseF1()),
                            String.format(Locale.ROOT, "%.4f", row.bcubedF1()));
                }
            }
            out.print(table.render());
        }
        out.flush();
    }
}
