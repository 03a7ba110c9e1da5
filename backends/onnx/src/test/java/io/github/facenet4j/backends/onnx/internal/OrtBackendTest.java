package io.github.facenet4j.backends.onnx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtException;
import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.BackendException;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Device;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.models.BackendContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend contract on ONNX Runtime (every api.nn operation against the reference
 * executor, known answers, bad input), and what only this backend has: its settings and
 * .onnx files, each failure one clear line.
 */
class OrtBackendTest extends BackendContract {

    @TempDir
    Path dir;

    @Override
    protected Backend backend() {
        return new OrtBackend(OrtBackendConfig.defaults());
    }

    @Test
    void configuresItselfFromItsPropertiesAndRunsAnOnnxFile() throws IOException {
        Path model = Files.write(dir.resolve("tiny.onnx"), OrtGraphCompiler.compile(tinyGraph()));
        OrtBackend backend = new OrtBackend(Map.of(OrtBackendConfig.INTRA_OP_THREADS, "2",
                OrtBackendConfig.SPINNING, true));
        assertThat(backend.name()).isEqualTo("onnx");
        assertThat(backend.config()).isEqualTo(new OrtBackendConfig(2, true, Device.CPU));

        try (Network network = backend.load(model)) {
            assertRunsTinyGraph(network);
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
        assertThatThrownBy(() -> OrtBackendConfig.from(Map.of("typo", "1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("backend onnx: unknown key 'typo' (known: device, intra-op-threads, spinning); check"
                        + " conf/facenet.backend.onnx.cfg");
    }

    @Test
    void aGpuWithoutTheGpuBuildIsOneLineNamingWhatIsMissing() {
        OrtBackend backend = new OrtBackend(Map.of(Device.KEY, "gpu:0"));
        assertThat(backend.config().device()).isEqualTo(new Device(Device.Kind.GPU, 0));
        assertThatThrownBy(() -> backend.compile(tinyGraph()))
                .isInstanceOf(BackendException.class)
                .hasMessageStartingWith("backend onnx: device gpu:0 needs ONNX Runtime's GPU build"
                        + " (com.microsoft.onnxruntime:onnxruntime_gpu:1.23.2, build with -Pcuda), CUDA 12 and an NVIDIA"
                        + " GPU; this installation cannot use it (")
                .hasMessageEndingWith("). Use device cpu")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
