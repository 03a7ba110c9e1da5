package io.github.facenet4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.models.internal.ReferenceExecutor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SmallCnnTest {

    @Test
    void countsOnFashionMnistShape() {
        Graph graph = SmallCnn.graph(1);
        // 1·32·9+32, 32·64·9+64, 64·128·9+128, 128·64+64
        assertThat(graph.parameterCount()).isEqualTo(100_928L);
        // 28²·32·9 + 14²·64·32·9 + 7²·128·64·9 + 128·64
        assertThat(graph.multiplyAdds()).isEqualTo(7_459_328L);
        assertThat(graph.outputShape()).isEqualTo(new TensorShape(64, 1, 1));
        assertThat(graph.layer("conv3").outputShape()).isEqualTo(new TensorShape(128, 7, 7));
        assertThat(graph.layer("pool1").outputShape()).isEqualTo(new TensorShape(32, 14, 14));
    }

    @Test
    void otherShapesAndDimensions() {
        Graph graph = SmallCnn.build(new TensorShape(3, 32, 32), 128, 5);
        assertThat(graph.outputShape()).isEqualTo(new TensorShape(128, 1, 1));
        assertThat(graph.parameterCount()).isEqualTo(3 * 32 * 9 + 32 + 18_496 + 73_856 + 128 * 128 + 128);
        assertThatThrownBy(() -> SmallCnn.build(new TensorShape(1, 28, 28), 0, 1))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("dimension");
        assertThatThrownBy(() -> SmallCnn.build(new TensorShape(1, 3, 28), 8, 1))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("at least 4×4");
    }

    @Test
    void weightsAreDeterministicFromTheSeed() {
        assertThat(SmallCnn.graph(42).weights()).isEqualTo(SmallCnn.graph(42).weights());
        assertThat(SmallCnn.graph(42).weight("conv2/weight")).isNotEqualTo(SmallCnn.graph(43).weight("conv2/weight"));
        // each tensor has its own stream: conv1 and conv2 do not start with the same numbers
        assertThat(SmallCnn.graph(42).weight("conv1/weight").get(0))
                .isNotEqualTo(SmallCnn.graph(42).weight("conv2/weight").get(0));
    }

    @Test
    void weightsAreHeNormal() {
        Graph graph = SmallCnn.graph(7);
        checkNormal(graph.weight("conv3/weight"), Math.sqrt(2.0 / (64 * 9)));
        checkNormal(graph.weight("conv2/weight"), Math.sqrt(2.0 / (32 * 9)));
        checkNormal(graph.weight("dense/weight"), Math.sqrt(2.0 / 128));
        assertThat(graph.weight("conv1/bias").values()).containsOnly(0f);
    }

    private static void checkNormal(Tensor t, double std) {
        float[] v = t.values();
        double sum = 0;
        double squares = 0;
        long within1 = 0;
        for (float x : v) {
            sum += x;
            squares += (double) x * x;
            if (Math.abs(x) <= std) {
                within1++;
            }
        }
        double mean = sum / v.length;
        double sd = Math.sqrt(squares / v.length - mean * mean);
        double tolerance = 4 / Math.sqrt(v.length);
        assertThat(mean / std).isCloseTo(0, within(tolerance));
        assertThat(sd / std).isCloseTo(1, within(tolerance));
        // 68.27 % of a normal lies within one standard deviation
        assertThat((double) within1 / v.length).isCloseTo(0.6827, within(tolerance));
    }

    @Test
    void forwardPassGivesUnitEmbeddings() {
        Graph graph = SmallCnn.graph(3);
        Random random = new Random(1);
        float[] images = new float[2 * 28 * 28];
        for (int i = 0; i < images.length; i++) {
            images[i] = random.nextFloat();
        }
        float[] out = new ReferenceExecutor(graph).run(images, 2);
        assertThat(out).hasSize(128);
        for (int b = 0; b < 2; b++) {
            double norm = 0;
            for (int k = 0; k < 64; k++) {
                norm += out[b * 64 + k] * out[b * 64 + k];
            }
            assertThat(norm).isCloseTo(1, within(1e-5));
        }
    }

    @Test
    void architecturesByName() {
        assertThat(Architectures.names()).containsExactly("nn1", "nn2", "nn3", "nn4", "nns1", "nns2", "small-cnn",
                "small-inception");
        Architecture a = Architectures.get("small-cnn");
        assertThat(a.initialise(a.defaultInput(), a.defaultDimension(), 9).weights())
                .isEqualTo(SmallCnn.graph(9).weights());
        assertThatThrownBy(() -> Architectures.get("resnet-1000"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Unknown architecture 'resnet-1000'. Known: nn1, nn2, nn3, nn4, nns1, nns2, small-cnn, small-inception");
    }
}
