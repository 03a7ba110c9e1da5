package io.github.facenet4j.backends.onnx.internal;

import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.models.DlibResNet29;
import java.util.Arrays;

/**
 * Faces per second of the {@code onnx} embedder on the real dlib ResNet-29 (not a test: run by
 * hand with the module's test class path). Arguments: batch sizes (default 1 32); the system
 * properties {@code threads} (default 0, ONNX Runtime's choice) and
 * {@code spinning} (default false) configure the embedder. Reports
 * the median of {@value #RUNS} timed runs after warm-up, and the fraction of the ceiling
 * FLOP/s ÷ (2 × multiply-adds); {@code gflops} gives this machine's measured peak (default 185).
 */
final class OrtNetworkBench {

    private static final int RUNS = 9;
    private static final int FACES_PER_RUN = 64;

    private OrtNetworkBench() {
    }

    public static void main(String[] args) {
        int[] batches = args.length == 0 ? new int[] {1, 32} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        double gflops = Double.parseDouble(System.getProperty("gflops", "185"));
        int threads = Integer.getInteger("threads", 0);
        boolean spinning = Boolean.getBoolean("spinning");
        Graph graph = RealDlib.graph();
        double ceiling = gflops * 1e9 / (2.0 * graph.multiplyAdds());
        System.out.printf("dlib ResNet-29: %.2f M multiply-adds; ceiling %.0f GFLOP/s → %.0f faces/s; intra-op threads %d, spinning %b%n",
                graph.multiplyAdds() / 1e6, gflops, ceiling, threads, spinning);
        int n = DlibResNet29.INPUT_SIZE;
        try (Network embedder = new OrtBackend(new OrtBackendConfig(threads, spinning)).compile(graph)) {
            for (int batch : batches) {
                TensorBatch input = new TensorBatch(RealDlib.randomImages(batch, batch), batch, 3, n, n);
                int calls = Math.max(1, FACES_PER_RUN / batch);
                for (int i = 0; i < calls; i++) {
                    embedder.run(input); // warm-up
                }
                double[] rates = new double[RUNS];
                for (int r = 0; r < RUNS; r++) {
                    long start = System.nanoTime();
                    for (int i = 0; i < calls; i++) {
                        embedder.run(input);
                    }
                    rates[r] = calls * batch / ((System.nanoTime() - start) / 1e9);
                }
                Arrays.sort(rates);
                double median = rates[RUNS / 2];
                System.out.printf("batch %3d: median %.1f faces/s (min %.1f, max %.1f) = %.1f %% of the ceiling%n",
                        batch, median, rates[0], rates[RUNS - 1], 100 * median / ceiling);
            }
        }
    }
}
