package io.github.facenet4j.backends.onnx.internal;

import static io.github.facenet4j.models.GraphCases.BATCH;
import static io.github.facenet4j.models.GraphCases.IN;
import static io.github.facenet4j.models.GraphCases.graph;
import static io.github.facenet4j.models.GraphCases.maxAbsDiff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.models.GraphCases;
import io.github.facenet4j.models.internal.ReferenceExecutor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each api.nn operation compiled alone, run on ONNX Runtime, against the reference executor. */
class OrtGraphCompilerTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.facenet4j.models.GraphCases#operations")
    void matchesReferenceExecutor(String description, Graph graph) {
        TensorShape in = graph.input().shape();
        float[] x = GraphCases.randomValues(7, BATCH * in.size());
        float[] expected = new ReferenceExecutor(graph).run(x, BATCH);

        float[][] actual;
        try (Network embedder = new OrtBackend(OrtBackendConfig.defaults()).compile(graph)) {
            assertThat(embedder.outputSize()).isEqualTo(graph.outputShape().size());
            actual = embedder.run(new TensorBatch(x, BATCH, in.channels(), in.height(), in.width()));
        }

        assertThat(actual).hasNumberOfRows(BATCH);
        assertThat(maxAbsDiff(actual, expected)).as(description).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void rejectsNamesThatClashInOnnx() {
        Graph graph = graph(IN, Map.of("w", new int[] {4}), new Node.Relu("weight:w", "x"), new Node.Scale("s", "weight:w", "w", null));
        assertThatThrownBy(() -> OrtGraphCompiler.compile(graph))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'weight:w' is used twice");
    }
}
