package io.github.facenet4j.backends.djl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small random graphs and comparisons the tests share. */
final class TestGraphs {

    /** One backend per test JVM is enough: the engine is process-wide anyway. */
    static final DjlBackend BACKEND = new DjlBackend(DjlBackendConfig.defaults());

    private TestGraphs() {
    }

    /** A graph input → the given nodes (the last one is the output), with random weights. */
    static Graph graph(TensorShape in, Map<String, int[]> weightShapes, Node... nodes) {
        Random random = new Random(weightShapes.size() * 31L + nodes.length);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        weightShapes.forEach((name, shape) -> weights.put(name, randomTensor(random, shape)));
        List<Node> all = new ArrayList<>();
        all.add(new Node.Input("x", in));
        all.addAll(List.of(nodes));
        return new Graph(all, weights, nodes[nodes.length - 1].name());
    }

    /**
     * Gaussian values scaled by 1/√fan-in (dimensions after the first), as a trained layer's
     * weights are, so that outputs stay near 1 and float32 summation order costs well under 1e-5.
     */
    static Tensor randomTensor(Random random, int[] shape) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        double scale = 1 / Math.sqrt(shape.length > 1 ? size / shape[0] : 1);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return new Tensor(shape, v);
    }

    static float[] randomValues(long seed, int count) {
        return randomTensor(new Random(seed), new int[] {count}).values();
    }

    static double maxAbsDiff(float[][] rows, float[] flat) {
        double max = 0;
        int d = rows[0].length;
        assertThat(rows.length * d).isEqualTo(flat.length);
        for (int n = 0; n < rows.length; n++) {
            for (int i = 0; i < d; i++) {
                max = Math.max(max, Math.abs(rows[n][i] - flat[n * d + i]));
            }
        }
        return max;
    }

    static double maxAbsDiff(float[][] a, float[][] b) {
        assertThat(a.length).isEqualTo(b.length);
        double max = 0;
        for (int n = 0; n < a.length; n++) {
            assertThat(a[n].length).isEqualTo(b[n].length);
            for (int i = 0; i < a[n].length; i++) {
                max = Math.max(max, Math.abs(a[n][i] - b[n][i]));
            }
        }
        return max;
    }
}
