package io.github.facenet4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.models.internal.ReferenceExecutor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dlib ResNet-29 on the real face-api weights. */
class DlibResNet29Test {

    private static Map<String, Tensor> tfjs;
    private static Graph graph;
    private static Graph folded;

    @BeforeAll
    static void load() {
        tfjs = RealModel.weights();
        graph = DlibResNet29.graph(tfjs);
        folded = DlibResNet29.foldedGraph(tfjs);
    }

    /** Output side of each stage, worked by hand from the "valid" strided convs (stage sizes in docs/MODELS.md). */
    private static int side(String weightName) {
        if (weightName.startsWith("conv32_down")) {
            return 72; // (150 − 7) / 2 + 1
        } else if (weightName.startsWith("conv32")) {
            return 35; // max pool: (72 − 3) / 2 + 1
        } else if (weightName.startsWith("conv64")) {
            return 17;
        } else if (weightName.startsWith("conv128")) {
            return 8;
        } else if (weightName.startsWith("conv256_down_out")) {
            return 1; // (4 − 3) / 2 + 1, padded to 2 afterwards
        } else if (weightName.startsWith("conv256_down")) {
            return 3; // (8 − 3) / 2 + 1, padded to 4 afterwards
        }
        return 4;
    }

    @Test
    void countsAgreeWithTheManifest() {
        long manifestValues = 0;
        long scaleValues = 0;
        long multiplyAdds = 0;
        for (Map.Entry<String, Tensor> e : tfjs.entrySet()) {
            int size = e.getValue().size();
            manifestValues += size;
            if (e.getKey().contains("/scale/")) {
                scaleValues += size;
            }
            if (e.getKey().endsWith("/filters")) {
                multiplyAdds += (long) size * side(e.getKey()) * side(e.getKey());
            }
        }
        multiplyAdds += tfjs.get("fc").size();
        System.out.println("dlib ResNet-29 (face-api 1.7.15), scales folded, 150×150:");
        System.out.print(folded.table());

        assertThat(graph.parameterCount()).isEqualTo(manifestValues).isEqualTo(5_614_592);
        assertThat(folded.parameterCount()).isEqualTo(manifestValues - scaleValues).isEqualTo(5_607_488);
        assertThat(folded.multiplyAdds()).isEqualTo(multiplyAdds).isEqualTo(270_854_144L);
        assertThat(folded.nodes().stream().filter(n -> n instanceof Node.Conv2d)).hasSize(29);
        assertThat(folded.nodes().stream().filter(n -> n instanceof Node.Scale)).isEmpty();
    }

    @Test
    void stagesHaveTheShapesOfTheArchitecture() {
        assertThat(folded.layer("pool").outputShape()).isEqualTo(new TensorShape(32, 35, 35));
        assertThat(folded.layer("conv64_down/relu").outputShape()).isEqualTo(new TensorShape(64, 17, 17));
        assertThat(folded.layer("conv128_down/relu").outputShape()).isEqualTo(new TensorShape(128, 8, 8));
        assertThat(folded.layer("conv256_down/pad").outputShape()).isEqualTo(new TensorShape(256, 4, 4));
        assertThat(folded.layer("conv256_down_out/relu").outputShape()).isEqualTo(new TensorShape(256, 2, 2));
        assertThat(folded.outputShape()).isEqualTo(new TensorShape(128, 1, 1));
    }

    /** A smooth deterministic RGB "image" (0…255): a few broad blobs and gradients. */
    private static float[] image(long seed) {
        Random r = new Random(seed);
        int n = DlibResNet29.INPUT_SIZE;
        double[][] blobs = new double[6][];
        for (int b = 0; b < blobs.length; b++) {
            blobs[b] = new double[] {r.nextDouble() * n, r.nextDouble() * n, 10 + r.nextDouble() * 30,
                r.nextDouble() * 160 - 80, r.nextDouble() * 160 - 80, r.nextDouble() * 160 - 80};
        }
        float[] px = new float[3 * n * n];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double v = 110 + 40.0 * y / n - 20.0 * x / n;
                    for (double[] b : blobs) {
                        double d2 = ((x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1])) / (b[2] * b[2]);
                        v += b[3 + c] * Math.exp(-d2);
                    }
                    px[(c * n + y) * n + x] = (float) Math.max(0, Math.min(255, v));
                }
            }
        }
        return px;
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    @Test
    void embedsDeterministicallyOnTheUnitSphereAndSeparatesImages() {
        ReferenceExecutor exec = new ReferenceExecutor(folded);
        float[] a = image(1);
        float[] perturbed = a.clone();
        Random noise = new Random(99);
        // Slightly brighter (+3), 2 % more contrast and a little sensor noise (σ = 0.5 levels).
        for (int i = 0; i < perturbed.length; i++) {
            perturbed[i] = Math.max(0, Math.min(255, perturbed[i] * 1.02f + 3 + (float) (noise.nextGaussian() * 0.5)));
        }
        float[] other = image(2);

        exec.run(DlibResNet29.preprocess(a)); // warm up the JIT before timing
        long start = System.nanoTime();
        float[] ea = exec.run(DlibResNet29.preprocess(a));
        double ms = (System.nanoTime() - start) / 1e6;
        float[] ep = exec.run(DlibResNet29.preprocess(perturbed));
        float[] eo = exec.run(DlibResNet29.preprocess(other));
        double near = distance(ea, ep);
        double far = distance(ea, eo);
        System.out.printf("reference forward pass 150×150: %.0f ms; L2 distance perturbed %.4f, other image %.4f%n",
                ms, near, far);

        assertThat(ea).hasSize(DlibResNet29.EMBEDDING_SIZE);
        double norm = 0;
        for (float v : ea) {
            norm += v * v;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));
        assertThat(exec.run(DlibResNet29.preprocess(a))).containsExactly(ea);
        assertThat(near).isLessThan(far / 5);
        assertThat(far).isGreaterThan(0.05);

        // The batch path gives the same as one at a time, and folding the scales changes nothing.
        float[] both = new float[2 * a.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(other, 0, both, a.length, a.length);
        float[] batch = exec.run(DlibResNet29.preprocess(both), 2);
        float[] unfolded = new ReferenceExecutor(graph).run(DlibResNet29.preprocess(other));
        for (int i = 0; i < ea.length; i++) {
            assertThat(batch[i]).isEqualTo(ea[i]);
            assertThat(batch[ea.length + i]).isEqualTo(eo[i]);
            assertThat(unfolded[i]).isCloseTo(eo[i], within(1e-4f));
        }
    }

    @Test
    void rejectsAManifestWithMissingOrExtraWeights() {
        Map<String, Tensor> missing = new LinkedHashMap<>(tfjs);
        missing.remove("conv64_1/conv2/scale/biases");
        assertThatThrownBy(() -> DlibResNet29.graph(missing)).isInstanceOf(BadInputException.class)
                .hasMessage("The face recognition manifest has no weight 'conv64_1/conv2/scale/biases'");
        Map<String, Tensor> extra = new LinkedHashMap<>(tfjs);
        extra.put("stray", new Tensor(new int[] {1}, new float[1]));
        assertThatThrownBy(() -> DlibResNet29.graph(extra))
                .hasMessage("The face recognition manifest has weights the dlib ResNet does not use: [stray]");
        assertThatThrownBy(() -> DlibResNet29.preprocess(new float[10]))
                .hasMessage("Expected whole 3×150×150 RGB images, got 10 values");
    }
}
