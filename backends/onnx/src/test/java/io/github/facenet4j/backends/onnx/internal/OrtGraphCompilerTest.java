package io.github.facenet4j.backends.onnx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Padding;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.models.internal.ReferenceExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each api.nn operation compiled alone, run on ONNX Runtime, against the reference executor. */
class OrtGraphCompilerTest {

    private static final TensorShape IN = new TensorShape(4, 9, 8);
    private static final int BATCH = 3;

    /** A graph input → the given nodes (the last one is the output), with random weights. */
    private static Graph graph(TensorShape in, Map<String, int[]> weightShapes, Node... nodes) {
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
     * weights are, so that outputs stay near 1 and float32 summation order (ONNX Runtime's
     * blocked GEMM against the reference's sequential sums) costs well under 1e-5.
     */
    private static Tensor randomTensor(Random random, int[] shape) {
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

    static Stream<Arguments> operations() {
        Padding uneven = new Padding(1, 0, 2, 1);
        return Stream.of(
                Arguments.of("conv with bias, uneven padding, stride 2", graph(IN,
                        Map.of("w", new int[] {6, 4, 3, 3}, "b", new int[] {6}),
                        new Node.Conv2d("conv", "x", 6, 3, 2, uneven, 1, "w", "b"))),
                Arguments.of("grouped conv without bias", graph(IN, Map.of("w", new int[] {6, 2, 3, 3}),
                        new Node.Conv2d("conv", "x", 6, 3, 1, Padding.of(1), 2, "w", null))),
                Arguments.of("depthwise 5×5 conv", graph(IN, Map.of("w", new int[] {4, 1, 5, 5}),
                        new Node.Conv2d("conv", "x", 4, 5, 1, Padding.same(9, 8, 5, 1), 4, "w", null))),
                Arguments.of("dense with bias", graph(IN, Map.of("w", new int[] {7, IN.size()}, "b", new int[] {7}),
                        new Node.Dense("fc", "x", 7, "w", "b"))),
                Arguments.of("dense after dense", graph(IN, Map.of("w", new int[] {7, IN.size()}, "v", new int[] {5, 7}),
                        new Node.Dense("fc", "x", 7, "w", null), new Node.Dense("fc2", "fc", 5, "v", null))),
                Arguments.of("relu", graph(IN, Map.of(), new Node.Relu("relu", "x"))),
                Arguments.of("leaky relu", graph(IN, Map.of(), new Node.LeakyRelu("leaky", "x", 0.1f))),
                Arguments.of("max pool, padded", graph(IN, Map.of(),
                        new Node.MaxPool("pool", "x", 3, 2, Padding.of(1)))),
                Arguments.of("max pool, valid", graph(IN, Map.of(), new Node.MaxPool("pool", "x", 3, 2, Padding.NONE))),
                Arguments.of("average pool, padded cells left out", graph(IN, Map.of(),
                        new Node.AvgPool("pool", "x", 3, 2, uneven))),
                Arguments.of("average pool 2×2/2", graph(IN, Map.of(), new Node.AvgPool("pool", "x", 2, 2, Padding.NONE))),
                Arguments.of("add", graph(IN, Map.of(), new Node.Relu("relu", "x"), new Node.Add("add", "relu", "x"))),
                Arguments.of("concat", graph(IN, Map.of(), new Node.Relu("relu", "x"),
                        new Node.Concat("cat", List.of("x", "relu", "x")))),
                Arguments.of("zero pad channels and space", graph(IN, Map.of(),
                        new Node.ZeroPad("pad", "x", 2, 3, uneven))),
                Arguments.of("zero pad channels only", graph(IN, Map.of(),
                        new Node.ZeroPad("pad", "x", 0, 4, Padding.NONE))),
                Arguments.of("global average pool", graph(IN, Map.of(), new Node.GlobalAvgPool("mean", "x"))),
                Arguments.of("l2 normalise", graph(IN, Map.of(), new Node.L2Normalize("norm", "x", 1e-12f))),
                Arguments.of("l2 normalise of a zero vector keeps epsilon", new Graph(List.of(
                        new Node.Input("x", IN), new Node.Scale("zeros", "x", "z", null),
                        new Node.L2Normalize("norm", "zeros", 1e-3f)),
                        Map.of("z", new Tensor(new int[] {4}, new float[4])), "norm")),
                Arguments.of("scale with bias", graph(IN, Map.of("s", new int[] {4}, "b", new int[] {4}),
                        new Node.Scale("scale", "x", "s", "b"))),
                Arguments.of("scale without bias", graph(IN, Map.of("s", new int[] {4}),
                        new Node.Scale("scale", "x", "s", null))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void matchesReferenceExecutor(String description, Graph graph) {
        TensorShape in = graph.input().shape();
        float[] x = randomTensor(new Random(7), new int[] {BATCH * in.size()}).values();
        float[] expected = new ReferenceExecutor(graph).run(x, BATCH);

        float[][] actual;
        try (Network embedder = new OrtBackend(OrtBackendConfig.defaults()).compile(graph)) {
            assertThat(embedder.outputSize()).isEqualTo(graph.outputShape().size());
            actual = embedder.run(new TensorBatch(x, BATCH, in.channels(), in.height(), in.width()));
        }

        assertThat(actual).hasNumberOfRows(BATCH);
        assertThat(maxAbsDiff(actual, expected)).as(description).isLessThanOrEqualTo(1e-5);
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

    @Test
    void rejectsNamesThatClashInOnnx() {
        Graph graph = graph(IN, Map.of("w", new int[] {4}), new Node.Relu("weight:w", "x"), new Node.Scale("s", "weight:w", "w", null));
        assertThatThrownBy(() -> OrtGraphCompiler.compile(graph))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'weight:w' is used twice");
    }
}
