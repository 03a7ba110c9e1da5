package io.github.facenet4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.models.internal.ReferenceExecutor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The FaceNet paper's networks (Schroff et al. 2015, Tables 1 and 2) have the paper's output
 * sizes at its named layers and come within a stated tolerance of its totals; blocks' counts
 * are checked against sums worked by hand from the table's widths.
 */
class PaperArchitecturesTest {

    private static Map<String, TensorShape> shapes(NetworkBuilder b) {
        Map<String, TensorShape> shapes = new HashMap<>();
        Graph.describe(b.nodes()).forEach(l -> shapes.put(l.node().name(), l.outputShape()));
        return shapes;
    }

    private static TensorShape hwc(int h, int w, int c) {
        return new TensorShape(c, h, w);
    }

    @Test
    void nn1HasTable1sSizes() {
        Map<String, TensorShape> s = shapes(Nn1.structure(Nn1.DEFAULT_INPUT, 128));
        assertThat(s.get("conv1")).isEqualTo(hwc(110, 110, 64));
        assertThat(s.get("pool1")).isEqualTo(hwc(55, 55, 64));
        assertThat(s.get("rnorm1")).isEqualTo(hwc(55, 55, 64));
        assertThat(s.get("conv2a")).isEqualTo(hwc(55, 55, 64));
        assertThat(s.get("conv2")).isEqualTo(hwc(55, 55, 192));
        assertThat(s.get("pool2")).isEqualTo(hwc(28, 28, 192));
        assertThat(s.get("conv3")).isEqualTo(hwc(28, 28, 384));
        assertThat(s.get("pool3")).isEqualTo(hwc(14, 14, 384));
        assertThat(s.get("conv4")).isEqualTo(hwc(14, 14, 256));
        assertThat(s.get("conv6")).isEqualTo(hwc(14, 14, 256));
        assertThat(s.get("pool4")).isEqualTo(hwc(7, 7, 256));
        assertThat(s.get("fc1/maxout")).isEqualTo(new TensorShape(32 * 128, 1, 1));
        assertThat(s.get("fc2/maxout")).isEqualTo(new TensorShape(32 * 128, 1, 1));
        assertThat(s.get("embedding")).isEqualTo(new TensorShape(128, 1, 1));
    }

    @Test
    void nn1sCountsAreTable1s() {
        Nn1 nn1 = new Nn1();
        // Table 1: conv1 9K params / 115M FLOPS, fc1 103M / 103M, total 140M parameters.
        BlockRow conv1 = nn1.rows().get(0);
        assertThat(conv1.parameters()).isEqualTo(7 * 7 * 3 * 64 + 64);
        assertThat(conv1.multiplyAdds()).isEqualTo(110L * 110 * 64 * 7 * 7 * 3);
        BlockRow fc1 = nn1.rows().stream().filter(r -> r.spec().type().startsWith("fc1")).findFirst().orElseThrow();
        assertThat(fc1.parameters()).isEqualTo(7L * 7 * 256 * 8192 + 8192);
        assertThat((double) nn1.parameterCount()).isCloseTo(140e6, within(0.01 * 140e6));
        assertThat((double) nn1.multiplyAdds()).isCloseTo(1.6e9, within(0.01 * 1.6e9));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nn2", "nn3", "nn4"})
    void nn2FamilyHasTable2sDepthsAtItsSizes(String name) {
        InceptionNets net = (InceptionNets) Architectures.get(name);
        int side = net.defaultInput().height();
        Map<String, TensorShape> s = shapes(net.structure(net.defaultInput(), 128));
        int conv1 = (side + 1) / 2;
        int pool1 = (conv1 + 1) / 2;
        int pool2 = (pool1 + 1) / 2;
        int size4 = (pool2 + 1) / 2;
        int size5 = (size4 + 1) / 2;
        assertThat(s.get("conv1")).isEqualTo(hwc(conv1, conv1, 64));
        assertThat(s.get("norm1")).isEqualTo(hwc(pool1, pool1, 64));
        assertThat(s.get("conv2")).isEqualTo(hwc(pool1, pool1, 192));
        assertThat(s.get("pool2")).isEqualTo(hwc(pool2, pool2, 192));
        assertThat(s.get("3a")).isEqualTo(hwc(pool2, pool2, 256));
        assertThat(s.get("3b")).isEqualTo(hwc(pool2, pool2, 320));
        assertThat(s.get("3c")).isEqualTo(hwc(size4, size4, 640));
        for (String b : List.of("4a", "4b", "4c", "4d")) {
            assertThat(s.get(b)).as(b).isEqualTo(hwc(size4, size4, 640));
        }
        assertThat(s.get("4e")).isEqualTo(hwc(size5, size5, 1024));
        assertThat(s.get("5a")).isEqualTo(hwc(size5, size5, 1024));
        assertThat(s.get("5b")).isEqualTo(hwc(size5, size5, 1024));
        assertThat(s.get("embedding")).isEqualTo(new TensorShape(128, 1, 1));
        if (name.equals("nn2")) {
            assertThat(conv1).isEqualTo(112);
            assertThat(size5).isEqualTo(7);
        }
    }

    @Test
    void nn2sBlocksCountAsTable2sWidthsWorkedByHand() {
        Map<String, BlockRow> rows = new HashMap<>();
        InceptionNets.NN2.rows().forEach(r -> rows.put(r.spec().type(), r));
        // 3a on 192 channels: 1×1 64, 1×1 96 → 3×3 128, 1×1 16 → 5×5 32, pool → 1×1 32; plus biases.
        long weights3a = 192 * 64 + 192 * 96 + 96 * 9 * 128 + 192 * 16 + 16 * 25 * 32 + 192 * 32;
        BlockRow b3a = rows.get("inception (3a)");
        assertThat(b3a.parameters()).isEqualTo(weights3a + 64 + 96 + 128 + 16 + 32 + 32);
        assertThat(b3a.multiplyAdds()).isEqualTo(28L * 28 * weights3a);
        assertThat(b3a.spec().poolProj()).isEqualTo("m 3×3, 32p");
        // inception (2): 115K parameters and 360M FLOPS in Table 2.
        BlockRow two = rows.get("inception (2)");
        assertThat(two.parameters()).isEqualTo(64 * 64 + 64 + 64 * 9 * 192 + 192);
        assertThat(two.multiplyAdds()).isEqualTo(56L * 56 * (64 * 64 + 64 * 9 * 192));
        assertThat(rows.get("inception (3c)").spec().conv3()).isEqualTo("256,2");
        assertThat(rows.get("inception (5a)").spec().poolProj()).isEqualTo("L2 3×3, 128p");
        assertThat((double) InceptionNets.NN2.parameterCount()).isCloseTo(7.5e6, within(0.03 * 7.5e6));
        assertThat((double) InceptionNets.NN2.multiplyAdds()).isCloseTo(1.6e9, within(0.05 * 1.6e9));
    }

    @Test
    void smallerNetsComeNearThePapersMultiplyAdds() {
        assertThat(InceptionNets.NN3.parameterCount()).isEqualTo(InceptionNets.NN2.parameterCount());
        // NN3 and NN4 are NN2 at smaller inputs: multiply-adds scale with the input's area.
        double nn2 = InceptionNets.NN2.multiplyAdds();
        assertThat(InceptionNets.NN3.multiplyAdds() / nn2).isCloseTo(160.0 * 160 / (224 * 224), within(0.02));
        assertThat((double) InceptionNets.NN4.multiplyAdds()).isCloseTo(285e6, within(0.05 * 285e6));
        assertThat((double) InceptionNets.NNS1.multiplyAdds()).isCloseTo(220e6, within(0.15 * 220e6));
        assertThat((double) InceptionNets.NNS2.multiplyAdds()).isCloseTo(20e6, within(0.1 * 20e6));
        // The paper's parameter counts for NNS1 and NNS2 are not reached (see InceptionNets.paper()).
        assertThat(InceptionNets.NNS1.parameterCount()).isLessThan(26_000_000L / 10);
        assertThat(InceptionNets.NNS2.parameterCount()).isLessThan(4_300_000L / 10);
    }

    @Test
    void everyPaperNetworkIsRegisteredAndStatesItsDifferences() {
        assertThat(Architectures.names()).contains("nn1", "nn2", "nn3", "nn4", "nns1", "nns2", "small-inception",
                "small-cnn");
        assertThat(Architectures.paper()).extracting(Architecture::name)
                .containsExactly("nn1", "nn2", "nn3", "nn4", "nns1", "nns2");
        for (PaperArchitecture a : Architectures.paper()) {
            assertThat(a.paper().differences()).as(a.name()).isNotBlank();
            assertThat(a.rows().get(a.rows().size() - 1).output()).isEqualTo(new TensorShape(128, 1, 1));
        }
    }

    @Test
    void smallInceptionRunsOn28x28AndEndsOnTheUnitSphere() {
        Architecture arch = Architectures.get("small-inception");
        Graph graph = arch.initialise(arch.defaultInput(), 64, 3);
        assertThat(graph.layer("3c").outputShape()).isEqualTo(hwc(7, 7, 192));
        assertThat(graph.layer("4a").outputShape()).isEqualTo(hwc(7, 7, 224));
        float[] e = new ReferenceExecutor(graph).run(GraphCases.randomValues(5, 28 * 28));
        double norm = 0;
        for (float v : e) {
            norm += v * v;
        }
        assertThat(e).hasSize(64);
        assertThat(Math.sqrt(norm)).isCloseTo(1, within(1e-5));
        // The same seed gives the same weights, another seed others.
        assertThat(arch.initialise(arch.defaultInput(), 64, 3).weights().get("3b/3x3/weight"))
                .isEqualTo(graph.weights().get("3b/3x3/weight"));
        assertThat(arch.initialise(arch.defaultInput(), 64, 4).weights().get("3b/3x3/weight"))
                .isNotEqualTo(graph.weights().get("3b/3x3/weight"));
    }

    @Test
    void rejectsADimensionBelowOne() {
        assertThatThrownBy(() -> Architectures.get("nn2").initialise(new TensorShape(3, 96, 96), 0, 1))
                .isInstanceOf(ConfigurationException.class).hasMessage("nn2: embedding dimension must be ≥ 1, got 0");
        assertThatThrownBy(() -> Architectures.get("small-inception").initialise(SmallInception.DEFAULT_INPUT, 0, 1))
                .isInstanceOf(ConfigurationException.class);
    }

    /** Prints the tables for the docs (run by hand). */
    public static void main(String[] args) {
        for (PaperArchitecture a : Architectures.paper()) {
            System.out.printf("%s %,d %,d%n", a.name(), a.parameterCount(), a.multiplyAdds());
        }
        InceptionNets.NN2.rows().forEach(System.out::println);
    }
}
