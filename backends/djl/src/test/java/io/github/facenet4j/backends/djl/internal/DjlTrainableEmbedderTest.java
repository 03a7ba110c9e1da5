package io.github.facenet4j.backends.djl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.OptimizerSettings;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.models.TrainableBackendContract;
import org.junit.jupiter.api.Test;

/**
 * The training contract on DJL's PyTorch engine (finite-difference gradients, the three update
 * rules, exact resume, bad input), and what only this backend has: the arrays its managers hold.
 */
class DjlTrainableEmbedderTest extends TrainableBackendContract {

    @Override
    protected Backend backend() {
        return TestGraphs.BACKEND;
    }

    @Test
    void stepsLeaveNoArraysBehind() {
        Graph graph = smallCnn(4);
        try (DjlTrainableEmbedder embedder = (DjlTrainableEmbedder) TestGraphs.BACKEND.trainable(graph,
                OptimizerSettings.adam(0.01))) {
            int before = embedder.managedArrays();
            train(embedder, graph, 0, 3);
            embedder.embed(batch(graph, 2, 1));
            embedder.forward(batch(graph, 2, 1)).close();
            // 4 weights, their 4 views and Adam's 2 × 4 moments.
            assertThat(before).isEqualTo(16);
            assertThat(embedder.managedArrays()).isEqualTo(before);
        }
    }
}
