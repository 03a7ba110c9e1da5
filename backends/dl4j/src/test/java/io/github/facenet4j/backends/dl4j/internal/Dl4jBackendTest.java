package io.github.facenet4j.backends.dl4j.internal;

import static io.github.facenet4j.backends.dl4j.internal.TestBackend.BACKEND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.BackendException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Device;
import io.github.facenet4j.api.OptimizerSettings;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.models.BackendContract;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The backend contract on SameDiff (every api.nn operation against the reference executor,
 * known answers, bad input), and what only this backend has: its settings, its natives, the
 * device; each failure one clear line.
 */
class Dl4jBackendTest extends BackendContract {

    @Override
    protected Backend backend() {
        return BACKEND;
    }

    @Test
    void readsItsDeviceAndCacheDirectory() {
        Dl4jBackend backend = new Dl4jBackend(Map.of(Device.KEY, "gpu:1", Dl4jBackendConfig.CACHE_DIR, "/tmp/nd4j"));
        assertThat(backend.name()).isEqualTo("dl4j");
        assertThat(backend.config()).isEqualTo(new Dl4jBackendConfig(new Device(Device.Kind.GPU, 1),
                Path.of("/tmp/nd4j")));
        assertThat(Dl4jBackendConfig.from(Map.of()).device()).isEqualTo(Device.CPU);
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> Dl4jBackendConfig.from(Map.of(Device.KEY, "tpu")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("backend dl4j: device must be cpu, gpu or gpu:N, got 'tpu'");
        assertThatThrownBy(() -> Dl4jBackendConfig.from(Map.of("typo", "1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("backend dl4j: unknown key 'typo' (known: cache-dir, device); check"
                        + " conf/facenet.backend.dl4j.cfg");
    }

    @Test
    void missingNativesAndAMissingGpuBackendAreNamedInOneLine() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> Dl4jEngine.requireNatives(empty, Device.CPU))
                    .isInstanceOf(BackendException.class)
                    .hasMessage("backend dl4j: ND4J's native library is missing; put org.nd4j:nd4j-native:1.0.0-M2.1"
                            + " (classifier linux-x86_64) on the class path (the installation's lib/)");
        }
        // The test class path has the CPU natives, not the CUDA ones.
        ClassLoader loader = Dl4jEngine.class.getClassLoader();
        Dl4jEngine.requireNatives(loader, Device.CPU);
        assertThatThrownBy(() -> Dl4jEngine.requireNatives(loader, new Device(Device.Kind.GPU, 0)))
                .isInstanceOf(BackendException.class)
                .hasMessage("backend dl4j: device gpu:0 needs ND4J's CUDA backend and an NVIDIA GPU; this"
                        + " installation has only the CPU natives. Put org.nd4j:nd4j-cuda-11.6:1.0.0-M2.1 (classifier"
                        + " linux-x86_64; build with -Pcuda) on the class path, or use --device cpu");
    }

    @Test
    void trainsOnlyGraphsThatEndInAnL2Normalisation() {
        Graph graph = tinyGraph();
        Graph unnormalised = new Graph(graph.nodes(), graph.weights(), "mean");
        assertThatThrownBy(() -> BACKEND.trainable(unnormalised, OptimizerSettings.faceNet()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("backend dl4j: a trainable embedder's graph must end in an L2 normalisation, but its"
                        + " output 'mean' is global avg pool");
    }
}
