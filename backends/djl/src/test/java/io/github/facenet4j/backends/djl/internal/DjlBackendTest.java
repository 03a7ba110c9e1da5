package io.github.facenet4j.backends.djl.internal;

import static io.github.facenet4j.backends.djl.internal.TestGraphs.BACKEND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.BackendException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Device;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.OptimizerSettings;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.models.BackendContract;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The backend contract on DJL's PyTorch engine (every api.nn operation against the reference
 * executor, known answers, bad input), and what only this backend has: its settings, its
 * native jars, and graphs it can train; each failure one clear line.
 */
class DjlBackendTest extends BackendContract {

    @Override
    protected Backend backend() {
        return BACKEND;
    }

    @Test
    void configuresItselfFromItsPropertiesAndRunsAGraph() {
        DjlBackend backend = new DjlBackend(Map.of(DjlBackendConfig.INTRA_OP_THREADS, "2"));
        assertThat(backend.name()).isEqualTo("djl");
        assertThat(backend.config()).isEqualTo(new DjlBackendConfig(2, Device.CPU));

        try (Network network = backend.compile(tinyGraph())) {
            assertRunsTinyGraph(network);
        }
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> DjlBackendConfig.from(Map.of(DjlBackendConfig.INTRA_OP_THREADS, -1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("backend djl: intra-op-threads must be ≥ 0 (0 = one per core), got -1");
        assertThatThrownBy(() -> DjlBackendConfig.from(Map.of(DjlBackendConfig.INTRA_OP_THREADS, "many")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("got 'many'");
        assertThatThrownBy(() -> DjlBackendConfig.from(Map.of("typo", "1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("backend djl: unknown key 'typo' (known: device, intra-op-threads); check conf/facenet.backend.djl.cfg");
    }

    @Test
    void missingNativeJarsAreNamedInOneLine() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> DjlEngine.requireNatives(empty))
                    .isInstanceOf(BackendException.class)
                    .hasMessage("backend djl: PyTorch's JNI library is missing; put "
                            + "ai.djl.pytorch:pytorch-jni:2.7.1-0.36.0 on the class path");
        }
        // Only the JNI jar visible: the native library is what is missing.
        URL jni = DjlEngine.class.getClassLoader().getResource(DjlEngine.JNI_RESOURCE);
        String jar = jni.getPath().substring("file:".length(), jni.getPath().indexOf('!'));
        try (URLClassLoader jniOnly = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()}, null)) {
            assertThatThrownBy(() -> DjlEngine.requireNatives(jniOnly))
                    .isInstanceOf(BackendException.class)
                    .hasMessage("backend djl: PyTorch's native library is missing; put "
                            + "ai.djl.pytorch:pytorch-native-cpu:2.7.1 (classifier linux-x86_64) on the class path");
        }
        DjlEngine.requireNatives(DjlEngine.class.getClassLoader()); // the test class path has both
    }

    @Test
    void trainsOnlyGraphsThatEndInAnL2Normalisation() {
        Graph graph = tinyGraph();
        Graph unnormalised = new Graph(graph.nodes(), graph.weights(), "mean");
        assertThatThrownBy(() -> BACKEND.trainable(unnormalised, OptimizerSettings.faceNet()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("backend djl: a trainable embedder's graph must end in an L2 normalisation, but its"
                        + " output 'mean' is global avg pool");
    }

    @Test
    void aGpuWithoutCudaNativesIsOneLineNamingWhatIsMissing() {
        DjlBackend backend = new DjlBackend(Map.of(Device.KEY, "gpu"));
        assertThat(backend.config().device()).isEqualTo(new Device(Device.Kind.GPU, 0));
        assertThatThrownBy(() -> backend.compile(tinyGraph()))
                .isInstanceOf(BackendException.class)
                .hasMessage("backend djl: device gpu:0 needs PyTorch's CUDA natives (a CUDA build of PyTorch"
                        + " 2.7.1: DJL's pytorch-native-cu128 jar, classifier linux-x86_64) and an NVIDIA GPU; PyTorch"
                        + " sees 0 GPU(s). Use device cpu");
    }
}
