package io.github.facenet4j.backends.djl.internal;

import static io.github.facenet4j.backends.djl.internal.TestGraphs.BACKEND;
import static io.github.facenet4j.backends.djl.internal.TestGraphs.graph;
import static io.github.facenet4j.backends.djl.internal.TestGraphs.maxAbsDiff;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Padding;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.models.internal.ReferenceExecutor;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each api.nn operation run alone on DJL's PyTorch engine, against the reference executor. */
class DjlGraphRunnerTest {

    private static final TensorShape IN = new TensorShape(4, 9, 8);
    private static final int BATCH = 3;

    static Stream<Arguments> operations() {
        Padding uneven = new Padding(1, 0, 2, 1);
        return Stream.of(
                Arguments.of("conv with bias, uneven padding, stride 2", graph(IN,
                        Map.of("w", new int[] {6, 4, 3, 3}, "b", new int[] {6}),
                        new Node.Conv2d("conv", "x", 6, 3, 2, uneven, 1, "w", "b"))),
                Arguments.of("conv with bias, even padding", graph(IN,
                        Map.of("w", new int[] {5, 4, 3, 3}, "b", new int[] {5}),
                        new Node.Conv2d("conv", "x", 5, 3, 1, Padding.of(1), 1, "w", "b"))),
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
                Arguments.of("max pool, uneven padding", graph(IN, Map.of(),
                        new Node.MaxPool("pool", "x", 3, 2, uneven))),
                Arguments.of("max pool, padding over half the window", graph(IN, Map.of(),
                        new Node.MaxPool("pool", "x", 3, 1, Padding.of(2)))),
                Arguments.of("max pool, valid", graph(IN, Map.of(), new Node.MaxPool("pool", "x", 3, 2, Padding.NONE))),
                Arguments.of("average pool, padded cells left out", graph(IN, Map.of(),
                        new Node.AvgPool("pool", "x", 3, 2, uneven))),
                Arguments.of("average pool, even padding", graph(IN, Map.of(),
                        new Node.AvgPool("pool", "x", 3, 1, Padding.of(1)))),
                Arguments.of("average pool, windows wholly in the padding", graph(IN, Map.of(),
                        new Node.AvgPool("pool", "x", 2, 1, Padding.of(3)))),
                Arguments.of("average pool 2×2/2", graph(IN, Map.of(), new Node.AvgPool("pool", "x", 2, 2, Padding.NONE))),
                Arguments.of("add", graph(IN, Map.of(), new Node.Relu("relu", "x"), new Node.Add("add", "relu", "x"))),
                Arguments.of("add of a value to itself", graph(IN, Map.of(), new Node.Add("add", "x", "x"))),
                Arguments.of("concat", graph(IN, Map.of(), new Node.Relu("relu", "x"),
                        new Node.Concat("cat", List.of("x", "relu", "x")))),
                Arguments.of("concat of one input", graph(IN, Map.of(), new Node.Relu("relu", "x"),
                        new Node.Concat("cat", List.of("relu")))),
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
        float[] x = TestGraphs.randomValues(7, BATCH * in.size());
        float[] expected = new ReferenceExecutor(graph).run(x, BATCH);

        float[][] actual;
        try (DjlNetwork network = (DjlNetwork) BACKEND.compile(graph)) {
            assertThat(network.outputSize()).isEqualTo(graph.outputShape().size());
            actual = network.run(new TensorBatch(x, BATCH, in.channels(), in.height(), in.width()));
        }

        assertThat(actual).hasNumberOfRows(BATCH);
        assertThat(maxAbsDiff(actual, expected)).as(description).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void nodesTheOutputDoesNotNeedAreNotRun() {
        // 'wide' would fail if run (its weight is the wrong kind of tensor for nothing), but
        // the output reads only 'relu': the graph is valid and the network skips the branch.
        Graph graph = new Graph(List.of(new Node.Input("x", IN), new Node.Dense("unused", "x", 3, "w", null),
                new Node.Relu("relu", "x")), Map.of("w", TestGraphs.randomTensor(new java.util.Random(1),
                new int[] {3, IN.size()})), "relu");
        DjlGraphRunner runner = new DjlGraphRunner(graph);
        assertThat(runner.liveWeights()).isEmpty();
        float[] x = TestGraphs.randomValues(3, IN.size());
        try (DjlNetwork network = (DjlNetwork) BACKEND.compile(graph)) {
            float[][] y = network.run(new TensorBatch(x, 1, 4, 9, 8));
            assertThat(maxAbsDiff(y, new ReferenceExecutor(graph).run(x, 1))).isZero();
        }
    }

    @Test
    void runsLeaveNoArraysBehind() {
        Graph graph = graph(IN, Map.of("w", new int[] {6, 4, 3, 3}, "s", new int[] {6}),
                new Node.Conv2d("conv", "x", 6, 3, 2, new Padding(1, 0, 2, 1), 1, "w", null),
                new Node.Scale("scale", "conv", "s", null),
                new Node.AvgPool("pool", "scale", 3, 1, new Padding(0, 2, 1, 0)),
                new Node.L2Normalize("norm", "pool", 1e-12f));
        try (DjlNetwork network = (DjlNetwork) BACKEND.compile(graph)) {
            int before = network.managedArrays();
            for (int i = 0; i < 3; i++) {
                network.run(new TensorBatch(TestGraphs.randomValues(i, 2 * IN.size()), 2, 4, 9, 8));
            }
            assertThat(before).isEqualTo(2);
            assertThat(network.managedArrays()).isEqualTo(before);
        }
    }
}
