package io.github.facenet4j.backends.onnx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtException;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Padding;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading .onnx files, configuration and bad input: each failure one clear line. */
class OrtBackendTest {

    @TempDir
    Path dir;

    /** conv 1×1 (weights 1, 2) → global mean → L2 normalise: 2×2×2 input, 2-d output. */
    private static Graph tiny() {
        return new Graph(List.of(
                new Node.Input("x", new TensorShape(1, 2, 2)),
                new Node.Conv2d("conv", "x", 2, 1, 1, Padding.NONE, 1, "w", null),
                new Node.GlobalAvgPool("mean", "conv"),
                new Node.L2Normalize("norm", "mean", 1e-12f)),
                Map.of("w", new Tensor(new int[] {2, 1, 1, 1}, new float[] {1, 2})), "norm");
    }

    private static TensorBatch ones(int batch) {
        float[] x = new float[batch * 4];
        Arrays.fill(x, 1f);
        return new TensorBatch(x, batch, 1, 2, 2);
    }

    @Test
    void configuresItselfFromItsPropertiesAndRunsAnOnnxFile() throws IOException {
        Path model = Files.write(dir.resolve("tiny.onnx"), OrtGraphCompiler.compile(tiny()));
        OrtBackend backend = new OrtBackend(Map.of(OrtBackendConfig.INTRA_OP_THREADS, "2",
                OrtBackendConfig.SPINNING, true));
        assertThat(backend.name()).isEqualTo("onnx");
        assertThat(backend.config()).isEqualTo(new OrtBackendConfig(2, true));

        try (Network network = backend.load(model)) {
            assertThat(network.inputShape()).isEqualTo(new TensorShape(1, 2, 2));
            assertThat(network.outputSize()).isEqualTo(2);
            float[][] rows = network.run(ones(3));
            assertThat(rows).hasNumberOfRows(3);
            assertThat(rows[2]).containsExactly((float) (1 / Math.sqrt(5)), (float) (2 / Math.sqrt(5)));
        }
    }

    @Test
    void compiledGraphRunsLikeTheFile() {
        try (Network network = new OrtBackend(OrtBackendConfig.defaults()).compile(tiny())) {
            assertThat(network.run(ones(1))[0]).containsExactly((float) (1 / Math.sqrt(5)), (float) (2 / Math.sqrt(5)));
        }
    }

    @Test
    void missingModelFileIsOneClearLine() {
        Path missing = dir.resolve("nowhere.onnx");
        assertThatThrownBy(() -> new OrtBackend(OrtBackendConfig.defaults()).load(missing))
                .isInstanceOf(BadInputException.class)
                .hasMessage("ONNX model file not found: " + missing);
    }

    @Test
    void corruptModelFileIsOneClearLineWithTheEngineCause() throws IOException {
        Path corrupt = Files.writeString(dir.resolve("corrupt.onnx"), "not a protobuf at all");
        assertThatThrownBy(() -> new OrtBackend(OrtBackendConfig.defaults()).load(corrupt))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("Not a valid ONNX model: " + corrupt)
                .hasCauseInstanceOf(OrtException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> OrtBackendConfig.from(Map.of(OrtBackendConfig.INTRA_OP_THREADS, -1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("backend onnx: intra-op-threads must be ≥ 0 (0 = one per core), got -1");
        assertThatThrownBy(() -> OrtBackendConfig.from(Map.of(OrtBackendConfig.INTRA_OP_THREADS, "many")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("got 'many'");
        assertThatThrownBy(() -> OrtBackendConfig.from(Map.of(OrtBackendConfig.SPINNING, "yes")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("backend onnx: spinning must be true or false, got 'yes'");
    }

    @Test
    void rejectsBatchOfTheWrongImageShape() {
        try (Network network = new OrtBackend(OrtBackendConfig.defaults()).compile(tiny())) {
            assertThatThrownBy(() -> network.run(new TensorBatch(new float[9], 1, 1, 3, 3)))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("backend onnx: the model takes N×1×2×2 tensors, got 1×1×3×3");
        }
    }
}
