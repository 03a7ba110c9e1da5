package io.github.facenet4j.backends.onnx.internal;

import static io.github.facenet4j.models.GraphCases.IN;
import static io.github.facenet4j.models.GraphCases.graph;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import java.nio.charset.StandardCharsets;
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

    /** ONNX Runtime warns on stderr of every initializer no node reads. */
    @Test
    void aWeightOnlyScalesReadIsNotAlsoWrittenUnreshaped() {
        Graph graph = graph(IN, Map.of("scale-only", new int[] {4}, "shared", new int[] {4}),
                new Node.Scale("s", "x", "scale-only", "shared"), new Node.Scale("t", "s", "shared", null));

        String model = new String(OrtGraphCompiler.compile(graph), StandardCharsets.ISO_8859_1);

        assertThat(model).doesNotContain(OrtGraphCompiler.weightName("scale-only"))
                .doesNotContain(OrtGraphCompiler.weightName("shared")).contains("s#weight", "t#weight");
    }
}
