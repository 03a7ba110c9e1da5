package io.github.facenet4j.backends.dl4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.OptimizerSettings;
import io.github.facenet4j.api.TrainableEmbedder;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.models.TrainableBackendContract;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The training contract on SameDiff (finite-difference gradients, the three update rules, exact
 * resume, a triplet loss that falls, bad input), and what only this backend has: SameDiff's own
 * debug lines kept off standard output.
 */
class Dl4jTrainableEmbedderTest extends TrainableBackendContract {

    @Override
    protected Backend backend() {
        return TestBackend.BACKEND;
    }

    @Test
    void buildingAndSteppingAnEmbedderPrintsNothingOnStandardOutput() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Graph graph = everyNode();
            try (TrainableEmbedder embedder = backend().trainable(graph, OptimizerSettings.adam(0.01));
                    TrainableEmbedder.TrainingPass pass = embedder.forward(batch(graph, 2, 1))) {
                pass.backwardAndStep(randomGradient(2, 5, 1));
            }
            System.out.println("after");
        } finally {
            System.setOut(original);
        }
        // SameDiff 1.0.0-M2.1 prints "Added differentiated op …" per op type; other output passes.
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo("after" + System.lineSeparator());
    }
}
