package io.github.facenet4j.backends.djl.internal;

import static io.github.facenet4j.backends.djl.internal.TestGraphs.BACKEND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BackendException;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.OptimizerSettings;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Padding;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration, the engine's presence, and bad input: each failure one clear line. */
class DjlBackendTest {

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
    void configuresItselfFromItsPropertiesAndRunsAGraph() {
        DjlBackend backend = new DjlBackend(Map.of(DjlBackendConfig.INTRA_OP_THREADS, "2"));
        assertThat(backend.name()).isEqualTo("djl");
        assertThat(backend.config()).isEqualTo(new DjlBackendConfig(2));

        try (Network network = backend.compile(tiny())) {
            assertThat(network.inputShape()).isEqualTo(new TensorShape(1, 2, 2));
            assertThat(network.outputSize()).isEqualTo(2);
            float[][] rows = network.run(ones(3));
            assertThat(rows).hasNumberOfRows(3);
            assertThat(rows[2]).containsExactly((float) (1 / Math.sqrt(5)), (float) (2 / Math.sqrt(5)));
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
    void rejectsBatchOfTheWrongImageShape() {
        try (Network network = BACKEND.compile(tiny())) {
            assertThatThrownBy(() -> network.run(new TensorBatch(new float[9], 1, 1, 3, 3)))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("backend djl: the network takes N×1×2×2 tensors, got 1×1×3×3");
        }
    }

    @Test
    void trainsOnlyGraphsThatEndInAnL2Normalisation() {
        Graph graph = tiny();
        Graph unnormalised = new Graph(graph.nodes(), graph.weights(), "mean");
        assertThatThrownBy(() -> BACKEND.trainable(unnormalised, OptimizerSettings.faceNet()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("backend djl: a trainable embedder's graph must end in an L2 normalisation, but its"
                        + " output 'mean' is global avg pool");
    }
}
