package io.github.facenet4j.backends.djl.internal;

import io.github.facenet4j.api.OptimizerSettings;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.TrainableEmbedder;
import io.github.facenet4j.api.TrainableEmbedder.TrainingPass;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Padding;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Training throughput of the {@code djl} backend (not a test: run by hand with the module's
 * test class path): images per second through forward, backward and one AdaGrad step for a
 * small CNN on 28×28×1 images — 3×3 "same" convolutions 1→32→64→128 with ReLU, 2×2 max pools
 * after the first two, global average pool, dense 128→64, L2 normalisation (100,928
 * parameters). System properties: {@code batch} (default 320), {@code threads} (PyTorch
 * intra-op threads, default 2), {@code steps} (timed steps per run, default 5), {@code gflops}
 * (this machine's peak, default 185). Reports the median of {@value #RUNS} runs after warm-up
 * and the effective GFLOP/s, counting a training step as 3 × the forward FLOPs. For example:
 * <pre>
 * mvn -o -pl backends/djl -am test-compile
 * mvn -o -q -pl backends/djl dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java -cp backends/djl/target/test-classes:backends/djl/target/classes:api/target/classes:$(cat backends/djl/cp.txt) \
 *     io.github.facenet4j.backends.djl.internal.DjlTrainingBench
 * </pre>
 */
final class DjlTrainingBench {

    private static final int RUNS = 5;

    private DjlTrainingBench() {
    }

    /** The CNN with He-initialised weights and zero biases. */
    static Graph smallCnn(long seed) {
        Random random = new Random(seed);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        List<Node> nodes = new java.util.ArrayList<>();
        nodes.add(new Node.Input("image", new TensorShape(1, 28, 28)));
        String x = "image";
        int in = 1;
        int side = 28;
        int[] widths = {32, 64, 128};
        for (int i = 0; i < widths.length; i++) {
            String conv = "conv" + (i + 1);
            weights.put(conv + "/w", he(random, new int[] {widths[i], in, 3, 3}, in * 9));
            weights.put(conv + "/b", new Tensor(new int[] {widths[i]}, new float[widths[i]]));
            nodes.add(new Node.Conv2d(conv, x, widths[i], 3, 1, Padding.same(side, side, 3, 1), 1, conv + "/w",
                    conv + "/b"));
            nodes.add(new Node.Relu(conv + "/relu", conv));
            x = conv + "/relu";
            if (i < 2) {
                nodes.add(new Node.MaxPool("pool" + (i + 1), x, 2, 2, Padding.NONE));
                x = "pool" + (i + 1);
                side /= 2;
            }
            in = widths[i];
        }
        nodes.add(new Node.GlobalAvgPool("mean", x));
        weights.put("fc/w", he(random, new int[] {64, 128}, 128));
        weights.put("fc/b", new Tensor(new int[] {64}, new float[64]));
        nodes.add(new Node.Dense("fc", "mean", 64, "fc/w", "fc/b"));
        nodes.add(new Node.L2Normalize("embedding", "fc", 1e-12f));
        return new Graph(nodes, weights, "embedding");
    }

    private static Tensor he(Random random, int[] shape, int fanIn) {
        float[] v = new float[Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        double scale = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return new Tensor(shape, v);
    }

    public static void main(String[] args) {
        int batch = Integer.getInteger("batch", 320);
        int threads = Integer.getInteger("threads", 2);
        int steps = Integer.getInteger("steps", 5);
        double gflops = Double.parseDouble(System.getProperty("gflops", "185"));
        Graph graph = smallCnn(1);
        double flopsPerImage = 3 * 2.0 * graph.multiplyAdds();
        System.out.printf("small CNN: %,d parameters, %.2f M multiply-adds/image; batch %d, intra-op threads %d;"
                + " ceiling %.0f GFLOP/s → %.0f images/s%n", graph.parameterCount(), graph.multiplyAdds() / 1e6, batch,
                threads, gflops, gflops * 1e9 / flopsPerImage);
        Random random = new Random(2);
        float[] images = new float[batch * 28 * 28];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        TensorBatch input = new TensorBatch(images, batch, 1, 28, 28);
        float[][] gradient = new float[batch][64];
        for (float[] row : gradient) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) (random.nextGaussian() / batch);
            }
        }
        DjlBackend backend = new DjlBackend(new DjlBackendConfig(threads, io.github.facenet4j.api.Device.CPU));
        try (TrainableEmbedder embedder = backend.trainable(graph, OptimizerSettings.faceNet())) {
            for (int i = 0; i < 2; i++) {
                step(embedder, input, gradient); // warm-up
            }
            double[] rates = new double[RUNS];
            double[] inference = new double[RUNS];
            for (int r = 0; r < RUNS; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    step(embedder, input, gradient);
                }
                rates[r] = steps * batch / ((System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                embedder.embed(input);
                inference[r] = batch / ((System.nanoTime() - start) / 1e9);
            }
            Arrays.sort(rates);
            Arrays.sort(inference);
            double median = rates[RUNS / 2];
            System.out.printf("forward+backward+step: median %.0f images/s (min %.0f, max %.0f) = %.1f GFLOP/s"
                    + " effective, %.1f %% of the ceiling%n", median, rates[0], rates[RUNS - 1],
                    median * flopsPerImage / 1e9, 100 * median * flopsPerImage / (gflops * 1e9));
            System.out.printf("forward only (embed): median %.0f images/s%n", inference[RUNS / 2]);
        }
    }

    private static void step(TrainableEmbedder embedder, TensorBatch input, float[][] gradient) {
        try (TrainingPass pass = embedder.forward(input)) {
            pass.backwardAndStep(gradient);
        }
    }
}
