package io.github.facenet4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Padding;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The tiny face detector graph on the real face-api weights. */
class TinyFaceDetectorNetTest {

    private static Map<String, Tensor> tfjs;

    @BeforeAll
    static void load() {
        tfjs = TfjsWeights.read(RealModel.packageDir().resolve(FaceApiPack.DETECTOR_MANIFEST));
    }

    @Test
    void countsAgreeWithTheManifestAndTheLayoutWorkedByHand() {
        Graph graph = TinyFaceDetectorNet.graph(tfjs, 416);
        long manifestValues = tfjs.values().stream().mapToLong(Tensor::size).sum();
        // Sides: conv0 "valid" 416 → 414; pools ⌈·/2⌉: 207, 104, 52, 26, 13; the separable
        // convs keep their input's side; the stride-1 pool and conv8 stay at 13.
        long multiplyAdds = 414L * 414 * 16 * 3 * 9;
        int[] sides = {207, 104, 52, 26, 13};
        int[] widths = {16, 32, 64, 128, 256, 512};
        for (int i = 0; i < sides.length; i++) {
            long plane = (long) sides[i] * sides[i];
            multiplyAdds += plane * widths[i] * 9 + plane * widths[i] * widths[i + 1];
        }
        multiplyAdds += 13L * 13 * 512 * 25;
        System.out.println("Tiny face detector (face-api 1.7.15), 416×416:");
        System.out.print(graph.table());

        assertThat(graph.parameterCount()).isEqualTo(manifestValues).isEqualTo(193_321);
        assertThat(graph.multiplyAdds()).isEqualTo(multiplyAdds);
        assertThat(graph.layer("conv0").outputShape()).isEqualTo(new TensorShape(16, 414, 414));
        assertThat(graph.layer("pool1").outputShape()).isEqualTo(new TensorShape(16, 207, 207));
        assertThat(graph.layer("conv1/leaky").outputShape()).isEqualTo(new TensorShape(32, 207, 207));
        assertThat(graph.layer("pool2").outputShape()).isEqualTo(new TensorShape(32, 104, 104));
        assertThat(graph.layer("conv5/leaky").outputShape()).isEqualTo(new TensorShape(512, 13, 13));
        assertThat(graph.layer("pool6").outputShape()).isEqualTo(new TensorShape(512, 13, 13));
        assertThat(graph.outputShape()).isEqualTo(new TensorShape(25, 13, 13));
        // tfjs "same" pools: the odd extra cell is padded at the bottom and right.
        assertThat(((Node.MaxPool) graph.layer("pool2").node()).padding()).isEqualTo(new Padding(0, 0, 1, 1));
        assertThat(((Node.MaxPool) graph.layer("pool1").node()).padding()).isEqualTo(Padding.NONE);
        assertThat(((Node.MaxPool) graph.layer("pool6").node()).padding()).isEqualTo(new Padding(0, 0, 1, 1));
        assertThat(graph.nodes().stream().filter(n -> n instanceof Node.LeakyRelu)).hasSize(6);
    }

    @ParameterizedTest
    @CsvSource({"32, 1", "416, 13", "512, 16", "608, 19"})
    void theGridIsTheInputOverThirtyTwo(int inputSize, int cells) {
        Graph graph = TinyFaceDetectorNet.graph(tfjs, inputSize);

        assertThat(graph.outputShape()).isEqualTo(new TensorShape(TinyFaceDetectorNet.CHANNELS, cells, cells));
        assertThat(TinyFaceDetectorNet.gridSize(inputSize)).isEqualTo(cells);
    }

    @Test
    void depthwiseFiltersBecomeOneGroupPerChannel() {
        Graph graph = TinyFaceDetectorNet.graph(tfjs, 64);
        Node.Conv2d dw = (Node.Conv2d) graph.layer("conv3/depthwise").node();
        Tensor source = tfjs.get("conv3/depthwise_filter"); // [3, 3, 64, 1]
        Tensor converted = graph.weight(dw.weight()); // [64, 1, 3, 3]

        assertThat(dw.groups()).isEqualTo(64);
        assertThat(dw.padding()).isEqualTo(Padding.of(1));
        assertThat(converted.shape()).containsExactly(64, 1, 3, 3);
        for (int c : new int[] {0, 17, 63}) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 3; x++) {
                    assertThat(converted.get((c * 3 + y) * 3 + x)).isEqualTo(source.get((y * 3 + x) * 64 + c));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -32, 400, 31})
    void inputSizesThatAreNotMultiplesOf32AreRejected(int inputSize) {
        assertThatThrownBy(() -> TinyFaceDetectorNet.graph(tfjs, inputSize))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("multiple of 32").hasMessageContaining(Integer.toString(inputSize));
    }

    @Test
    void missingExtraOrMisshapenWeightsAreNamed() {
        Map<String, Tensor> missing = new LinkedHashMap<>(tfjs);
        missing.remove("conv4/bias");
        Map<String, Tensor> extra = new LinkedHashMap<>(tfjs);
        extra.put("conv6/bias", new Tensor(new int[] {4}, new float[4]));
        Map<String, Tensor> misshapen = new LinkedHashMap<>(tfjs);
        misshapen.put("conv8/filters", new Tensor(new int[] {1, 1, 512, 24}, new float[512 * 24]));

        assertThatThrownBy(() -> TinyFaceDetectorNet.graph(missing, 416))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'conv4/bias'");
        assertThatThrownBy(() -> TinyFaceDetectorNet.graph(extra, 416))
                .isInstanceOf(BadInputException.class).hasMessageContaining("conv6/bias");
        assertThatThrownBy(() -> TinyFaceDetectorNet.graph(misshapen, 416))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'conv8/filters'")
                .hasMessageContaining("[1, 1, 512, 25]");
    }

    @Test
    void constantsAreFaceApis() {
        assertThat(TinyFaceDetectorNet.meanRgb()).containsExactly(117.001f, 114.697f, 97.404f);
        assertThat(TinyFaceDetectorNet.ANCHORS).hasSize(5)
                .startsWith(new TinyFaceDetectorNet.Anchor(1.603231, 2.094468))
                .endsWith(new TinyFaceDetectorNet.Anchor(9.041765, 10.66308));
        assertThat(TinyFaceDetectorNet.ANCHORS.size() * TinyFaceDetectorNet.BOX_ENCODING)
                .isEqualTo(TinyFaceDetectorNet.CHANNELS);
    }
}
