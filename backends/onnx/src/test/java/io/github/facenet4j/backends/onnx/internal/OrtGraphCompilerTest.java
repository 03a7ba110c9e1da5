package io.github.facenet4j.backends.onnx.internal;

import static io.github.facenet4j.models.GraphCases.IN;
import static io.github.facenet4j.models.GraphCases.graph;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What only the ONNX compiler refuses. Each api.nn operation compiled and run against the
 * reference executor: the backend contract, in {@link OrtBackendTest}.
 */
class OrtGraphCompilerTest {

    @Test
    void rejectsNamesThatClashInOnnx() {
        Graph graph = graph(IN, Map.of("w", new int[] {4}), new Node.Relu("weight:w", "x"), new Node.Scale("s", "weight:w", "w", null));
        assertThatThrownBy(() -> OrtGraphCompiler.compile(graph))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'weight:w' is used twice");
    }
}
