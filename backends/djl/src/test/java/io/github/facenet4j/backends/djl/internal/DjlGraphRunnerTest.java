package io.github.facenet4j.backends.djl.internal;

import static io.github.facenet4j.backends.djl.internal.TestGraphs.BACKEND;
import static io.github.facenet4j.models.GraphCases.BATCH;
import static io.github.facenet4j.models.GraphCases.IN;
import static io.github.facenet4j.models.GraphCases.graph;
import static io.github.facenet4j.models.GraphCases.maxAbsDiff;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Padding;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.models.GraphCases;
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.facenet4j.models.GraphCases#operations")
    void matchesReferenceExecutor(String description, Graph graph) {
        TensorShape in = graph.input().shape();
        float[] x = GraphCases.randomValues(7, BATCH * in.size());
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
                new Node.Relu("relu", "x")), Map.of("w", GraphCases.randomTensor(new java.util.Random(1),
                new int[] {3, IN.size()})), "relu");
        DjlGraphRunner runner = new DjlGraphRunner(graph);
        assertThat(runner.liveWeights()).isEmpty();
        float[] x = GraphCases.randomValues(3, IN.size());
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
                network.run(new TensorBatch(GraphCases.randomValues(i, 2 * IN.size()), 2, 4, 9, 8));
            }
            assertThat(before).isEqualTo(2);
            assertThat(network.managedArrays()).isEqualTo(before);
        }
    }
}
