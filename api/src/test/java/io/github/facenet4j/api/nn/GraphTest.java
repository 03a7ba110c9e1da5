package io.github.facenet4j.api.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphTest {

    private static Tensor zeros(int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return new Tensor(shape, new float[n]);
    }

    /** A small residual net whose counts are worked out by hand in the assertions. */
    private static Graph smallNet() {
        List<Node> nodes = List.of(
                new Node.Input("x", new TensorShape(3, 8, 8)),
                new Node.Conv2d("c1", "x", 4, 3, 1, Padding.of(1), 1, "c1.w", "c1.b"),
                new Node.Scale("s1", "c1", "s1.w", "s1.b"),
                new Node.Relu("r1", "s1"),
                new Node.Conv2d("c2", "r1", 4, 3, 2, Padding.NONE, 2, "c2.w", null),
                new Node.AvgPool("p", "r1", 2, 2, Padding.NONE),
                new Node.ZeroPad("pad", "c2", 0, 0, new Padding(0, 0, 1, 1)),
                new Node.Add("sum", "pad", "p"),
                new Node.Concat("cat", List.of("sum", "p")),
                new Node.MaxPool("mp", "cat", 2, 2, Padding.NONE),
                new Node.GlobalAvgPool("g", "mp"),
                new Node.Dense("fc", "g", 5, "fc.w", "fc.b"),
                new Node.L2Normalize("out", "fc", 1e-12f));
        Map<String, Tensor> weights = Map.of(
                "c1.w", zeros(4, 3, 3, 3), "c1.b", zeros(4), "s1.w", zeros(4), "s1.b", zeros(4),
                "c2.w", zeros(4, 2, 3, 3), "fc.w", zeros(5, 8), "fc.b", zeros(5));
        return new Graph(nodes, weights, "out");
    }

    @Test
    void infersShapesOfEveryNode() {
        Graph g = smallNet();
        assertThat(g.layer("c1").outputShape()).isEqualTo(new TensorShape(4, 8, 8));
        assertThat(g.layer("c2").outputShape()).isEqualTo(new TensorShape(4, 3, 3));
        assertThat(g.layer("pad").outputShape()).isEqualTo(new TensorShape(4, 4, 4));
        assertThat(g.layer("cat").outputShape()).isEqualTo(new TensorShape(8, 4, 4));
        assertThat(g.layer("mp").outputShape()).isEqualTo(new TensorShape(8, 2, 2));
        assertThat(g.outputShape()).isEqualTo(new TensorShape(5, 1, 1));
    }

    @Test
    void countsParametersAndMultiplyAddsPerLayerAndInTotal() {
        Graph g = smallNet();
        assertThat(g.layer("c1").parameters()).isEqualTo(4 * 27 + 4);
        assertThat(g.layer("c1").multiplyAdds()).isEqualTo(4L * 64 * 27);
        assertThat(g.layer("s1").multiplyAdds()).isEqualTo(4L * 64);
        assertThat(g.layer("c2").parameters()).isEqualTo(4 * 2 * 9);
        assertThat(g.layer("c2").multiplyAdds()).isEqualTo(4L * 9 * 2 * 9);
        assertThat(g.layer("fc").multiplyAdds()).isEqualTo(40);
        assertThat(g.parameterCount()).isEqualTo(112 + 8 + 72 + 45);
        assertThat(g.multiplyAdds()).isEqualTo(6912 + 256 + 648 + 40);
        assertThat(g.table()).contains("size-in", "size-out", "c1", "conv 3×3/1", "3×8×8", "4×8×8", "total", "237", "7856");
    }

    @Test
    void countsConsumers() {
        assertThat(smallNet().consumerCounts()).containsEntry("r1", 2).containsEntry("out", 1).containsEntry("p", 2);
    }

    @Test
    void tensorIsImmutable() {
        float[] v = {1, 2};
        Tensor t = new Tensor(new int[] {2}, v);
        v[0] = 9;
        t.values()[1] = 9;
        assertThat(t.values()).containsExactly(1, 2);
        assertThatThrownBy(() -> new Tensor(new int[] {3}, v)).hasMessage("Tensor of shape [3] needs 3 values, got 2");
    }

    @Test
    void samePaddingMatchesTensorFlow() {
        assertThat(Padding.same(150, 150, 3, 1)).isEqualTo(Padding.of(1));
        assertThat(Padding.same(8, 8, 3, 2)).isEqualTo(new Padding(0, 0, 1, 1));
    }

    @Test
    void rejectsAClipWithoutFiniteOrderedBounds() {
        assertThatThrownBy(() -> new Node.Clip("c", "x", 6, 0)).isInstanceOf(ConfigurationException.class)
                .hasMessage("Clip 'c' needs finite min ≤ max, got 6.0, 0.0");
        assertThatThrownBy(() -> new Node.Clip("c", "x", 0, Float.POSITIVE_INFINITY))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void describesTheNodesAloneAsTheGraphWithItsWeightsDoes() {
        Graph g = smallNet();
        List<Graph.Layer> described = Graph.describe(g.nodes());
        assertThat(described).isEqualTo(g.layers());
        assertThat(described.stream().mapToLong(Graph.Layer::parameters).sum()).isEqualTo(g.parameterCount());
        assertThatThrownBy(() -> Graph.describe(List.of(new Node.Relu("r", "x"))))
                .isInstanceOf(ConfigurationException.class).hasMessage("Node 'r' reads 'x', which is not an earlier node");
    }

    @Test
    void paperNodeKindsKeepOrReduceTheShapeAsTheyShould() {
        Graph g = new Graph(List.of(new Node.Input("x", new TensorShape(6, 7, 7)),
                new Node.Lrn("norm", "x", 5, 1e-4f, 0.75f, 1),
                new Node.L2Pool("l2", "norm", 3, 2, Padding.same(7, 7, 3, 2)),
                new Node.Maxout("maxout", "l2", 3)), Map.of(), "maxout");
        assertThat(g.layer("norm").outputShape()).isEqualTo(new TensorShape(6, 7, 7));
        assertThat(g.layer("l2").outputShape()).isEqualTo(new TensorShape(6, 4, 4));
        assertThat(g.outputShape()).isEqualTo(new TensorShape(2, 4, 4));
        assertThat(g.multiplyAdds()).isZero();
    }

    @Test
    void rejectsBadLrnL2PoolAndMaxout() {
        assertThatThrownBy(() -> new Node.Lrn("n", "x", 4, 1e-4f, 0.75f, 1)).isInstanceOf(ConfigurationException.class)
                .hasMessage("Lrn 'n' needs an odd size ≥ 1, got 4");
        assertThatThrownBy(() -> new Node.Lrn("n", "x", 5, 1e-4f, 0.75f, 0)).isInstanceOf(ConfigurationException.class)
                .hasMessage("Lrn 'n' needs finite alpha ≥ 0 and beta, and bias > 0, got 1.0E-4, 0.75, 0.0");
        assertThatThrownBy(() -> new Node.L2Pool("p", "x", 0, 1, Padding.NONE)).isInstanceOf(ConfigurationException.class)
                .hasMessage("L2Pool 'p' needs kernel and stride ≥ 1, got 0, 1");
        assertThatThrownBy(() -> new Node.Maxout("m", "x", 0)).isInstanceOf(ConfigurationException.class)
                .hasMessage("Maxout 'm' needs pieces ≥ 1, got 0");
        List<Node> nodes = List.of(new Node.Input("x", new TensorShape(5, 1, 1)), new Node.Maxout("m", "x", 2));
        assertThatThrownBy(() -> new Graph(nodes, Map.of(), "m")).isInstanceOf(ConfigurationException.class)
                .hasMessage("Node 'm' (maxout p=2): 5 channels do not divide into runs of 2");
    }

    @Test
    void rejectsMismatchedAdd() {
        List<Node> nodes = List.of(new Node.Input("x", new TensorShape(2, 4, 4)),
                new Node.MaxPool("p", "x", 2, 2, Padding.NONE), new Node.Add("a", "x", "p"));
        assertThatThrownBy(() -> new Graph(nodes, Map.of(), "a")).isInstanceOf(ConfigurationException.class)
                .hasMessage("Node 'a' (add): shapes differ: 'x' is 2×4×4, 'p' is 2×2×2");
    }

    @Test
    void rejectsWrongWeightShapeMissingWeightUnusedWeightAndUnknownInput() {
        Node in = new Node.Input("x", new TensorShape(2, 4, 4));
        Node conv = new Node.Conv2d("c", "x", 3, 1, 1, Padding.NONE, 1, "w", null);
        assertThatThrownBy(() -> new Graph(List.of(in, conv), Map.of("w", zeros(3, 1, 1, 1)), "c"))
                .hasMessage("Weight 'w' of node 'c' must have shape [3, 2, 1, 1], got [3, 1, 1, 1]");
        assertThatThrownBy(() -> new Graph(List.of(in, conv), Map.of(), "c"))
                .hasMessage("Node 'c' reads weight 'w', which the graph does not have");
        assertThatThrownBy(() -> new Graph(List.of(in, conv), Map.of("w", zeros(3, 2, 1, 1), "v", zeros(1)), "c"))
                .hasMessage("Weight 'v' is not read by any node");
        assertThatThrownBy(() -> new Graph(List.of(in, new Node.Relu("r", "y")), Map.of(), "r"))
                .hasMessage("Node 'r' reads 'y', which is not an earlier node");
    }

    @Test
    void rejectsWindowLargerThanInputAndBadGroups() {
        Node in = new Node.Input("x", new TensorShape(3, 2, 2));
        assertThatThrownBy(() -> new Graph(List.of(in, new Node.MaxPool("p", "x", 3, 1, Padding.NONE)), Map.of(), "p"))
                .hasMessage("Node 'p' (max pool 3×3/1): window 3 does not fit the padded height 2");
        assertThatThrownBy(() -> new Node.Conv2d("c", "x", 3, 1, 1, Padding.NONE, 2, "w", null))
                .hasMessage("Conv 'c': 3 output channels do not divide into 2 groups");
        assertThatThrownBy(() -> new TensorShape(0, 1, 1)).hasMessage("Tensor shape must be positive, got 0×1×1");
    }
}
