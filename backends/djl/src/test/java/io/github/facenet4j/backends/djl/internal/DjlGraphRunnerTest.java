package io.github.facenet4j.backends.djl.internal;

import static io.github.facenet4j.backends.djl.internal.TestGraphs.BACKEND;
import static io.github.facenet4j.models.GraphCases.IN;
import static io.github.facenet4j.models.GraphCases.graph;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Padding;
import io.github.facenet4j.models.GraphCases;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the DJL runner keeps and frees. Each api.nn operation run against the reference
 * executor: the backend contract, in {@link DjlBackendTest}.
 */
class DjlGraphRunnerTest {

    @Test
    void weightsTheOutputDoesNotNeedAreNotLive() {
        // The output reads only 'relu': the dense branch and its weight are never run (that the
        // output is still right is the contract's nodesTheOutputDoesNotReadLeaveItUnchanged).
        assertThat(new DjlGraphRunner(GraphCases.withUnreadBranch()).liveWeights()).isEmpty();
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
