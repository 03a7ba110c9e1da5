package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.distribution.bench.Timings;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.faces.FaceEmbedder;
import io.github.facenet4j.models.ModelPack;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Faces per second of the embedding model on a backend, at each batch size, against this
 * machine's ceiling: GFLOP/s ÷ (2 × the graph's multiply-adds).
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Time the embedding network (preprocessed crops in, unit embeddings out) at given batch sizes.")
public final class EmbedBenchCommand extends PluginCommand {

    /**
     * The largest batch timed: 256 crops of 150 × 150 × 3 floats are 69 MB of input on the heap,
     * and the engine's activations (about 0.7 MB per face in each early ResNet layer) add a few
     * hundred MB more; the input array's int index overflows at about 31 800 faces, and on a CPU
     * faces per second stop rising long before: batch 32 already reached 92 % of the ceiling
     * (docs/BENCHMARKS.md), 256 took 4.5 s for one run here.
     */
    static final int MAX_BATCH = 256;

    private static final OptionRange BATCH = OptionRange.between("--batch", 1, MAX_BATCH,
            "faces per network call; throughput stops rising long before");

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--batch", split = ",", defaultValue = "1,32",
            description = "Batch sizes, comma-separated, each at most " + MAX_BATCH + " (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Option(names = "--runs", defaultValue = "7", description = "Measured runs per batch size (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--faces-per-run", defaultValue = "128",
            description = "Faces embedded per run (default: ${DEFAULT-VALUE}).")
    int facesPerRun;

    @Option(names = "--gflops", defaultValue = "185",
            description = "This machine's measured sgemm GFLOP/s, for the ceiling (default: ${DEFAULT-VALUE}).")
    double gflops;

    /** One batch size's result; the fraction is NaN when the ceiling is unknown. */
    record Row(int batch, double medianFacesPerSecond, double minFacesPerSecond, double maxFacesPerSecond,
               double fractionOfCeiling) {

        /** The {@code --json} object: the components by name (an unknown fraction is null). */
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("batch", batch);
            m.put("medianFacesPerSecond", medianFacesPerSecond);
            m.put("minFacesPerSecond", minFacesPerSecond);
            m.put("maxFacesPerSecond", maxFacesPerSecond);
            m.put("fractionOfCeiling", fractionOfCeiling);
            return m;
        }
    }

    @Override
    public Integer call() {
        if (runs < 1 || facesPerRun < 1 || !(gflops > 0) || batches.stream().anyMatch(b -> b < 1)) {
            throw new ConfigurationException("--runs, --faces-per-run, --gflops and every --batch must be ≥ 1");
        }
        batches.forEach(BATCH::check);
        ModelPack pack = modelOptions.modelPack();
        List<Row> rows = new ArrayList<>();
        long multiplyAdds;
        try (PluginRuntime runtime = runtimeOptions.start(modelOptions.configure(runtimeOptions.configurations()))) {
            Backend backend = runtime.get(Backend.class, modelOptions.backend);
            Graph graph = pack.card().weights().format().equals("tfjs") ? pack.graph() : null;
            multiplyAdds = graph == null ? -1 : graph.multiplyAdds();
            Network network = graph == null ? pack.network(backend) : backend.compile(graph);
            try (FaceEmbedder embedder = new FaceEmbedder(network, pack.card(), FaceEmbedder.DEFAULT_BATCH)) {
                for (int batch : batches) {
                    rows.add(measure(embedder, batch, ceiling(multiplyAdds)));
                }
            }
        }
        print(pack, multiplyAdds, rows);
        return 0;
    }

    /** Faces per second this machine could reach: GFLOP/s ÷ (2 × multiply-adds); NaN when they are unknown (-1). */
    private double ceiling(long multiplyAdds) {
        return multiplyAdds < 0 ? Double.NaN : gflops * 1e9 / (2.0 * multiplyAdds);
    }

    private Row measure(FaceEmbedder embedder, int batch, double ceiling) {
        var shape = embedder.card().input();
        float[] data = new float[batch * shape.channels() * shape.height() * shape.width()];
        SplittableRandom random = new SplittableRandom(batch);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextDouble(-0.5, 0.5);
        }
        TensorBatch input = new TensorBatch(data, batch, shape.channels(), shape.height(), shape.width());
        int calls = Math.max(1, facesPerRun / batch);
        for (int i = 0; i < calls; i++) {
            embedder.embed(input); // warm-up: the engine plans and allocates on first runs
        }
        long[] nanos = new long[runs];
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                embedder.embed(input);
            }
            nanos[r] = (System.nanoTime() - start) / calls;
        }
        Timings perCall = Timings.ofNanos(nanos);
        double median = batch / (perCall.medianMs() / 1e3);
        return new Row(batch, median, batch / (perCall.maxMs() / 1e3), batch / (perCall.minMs() / 1e3),
                median / ceiling);
    }

    private void print(ModelPack pack, long multiplyAdds, List<Row> rows) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("model", pack.card().id());
            document.put("backend", modelOptions.backend);
            document.put("multiply_adds", multiplyAdds);
            document.put("gflops", gflops);
            if (multiplyAdds >= 0) {
                document.put("ceiling_faces_per_s", ceiling(multiplyAdds));
            }
            document.put("results", rows.stream().map(Row::json).toList());
            out.println(Json.writePretty(document));
        } else {
            out.printf(Locale.ROOT, "model %s on backend %s: %.1f M multiply-adds per face; ceiling %.0f GFLOP/s → %s faces/s%n",
                    pack.card().id(), modelOptions.backend, multiplyAdds / 1e6, gflops,
                    multiplyAdds < 0 ? "?" : String.format(Locale.ROOT, "%.0f", ceiling(multiplyAdds)));
            Table table = new Table("BATCH", "MEDIAN faces/s", "MIN", "MAX", "OF CEILING");
            for (Row row : rows) {
                table.row(row.batch(), String.format(Locale.ROOT, "%.1f", row.medianFacesPerSecond()),
                        String.format(Locale.ROOT, "%.1f", row.minFacesPerSecond()),
                        String.format(Locale.ROOT, "%.1f", row.maxFacesPerSecond()),
                        Double.isNaN(row.fractionOfCeiling()) ? "?"
                                : String.format(Locale.ROOT, "%.0f %%", 100 * row.fractionOfCeiling()));
            }
            out.print(table.render());
        }
        out.flush();
    }
}
