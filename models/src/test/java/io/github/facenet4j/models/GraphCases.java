package io.github.facenet4j.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Padding;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Every api.nn operation in small random graphs, each case a graph to run on a backend and
 * compare with the plain-Java reference executor; and the random weights and comparisons the
 * backends' tests share. Public, in the test-jar, so that every backend runs the same cases.
 */
public final class GraphCases {

    /** The input of every case: 4 channels, 9 × 8 (odd and even sides). */
    public static final TensorShape IN = new TensorShape(4, 9, 8);
    /** Samples per batch the cases are run on. */
    public static final int BATCH = 3;

    private GraphCases() {
    }

    /** One argument set per case: a description and the graph. */
    public static Stream<Arguments> operations() {
        Padding uneven = new Padding(1, 0, 2, 1);
        return Stream.of(
                Arguments.of("conv with bias, uneven padding, stride 2", graph(IN,
                        Map.of("w", new int[] {6, 4, 3, 3}, "b", new int[] {6}),
                        new Node.Conv2d("conv", "x", 6, 3, 2, uneven, 1, "w", "b"))),
                Arguments.of("conv with bias, even padding", graph(IN,
                        Map.of("w", new int[] {5, 4, 3, 3}, "b", new int[] {5}),
                        new Node.Conv2d("conv", "x", 5, 3, 1, Padding.of(1), 1, "w", "b"))),
                Arguments.of("grouped conv without bias", graph(IN, Map.of("w", new int[] {6, 2, 3, 3}),
                        new Node.Conv2d("conv", "x", 6, 3, 1, Padding.of(1), 2, "w", null))),
                Arguments.of("depthwise 5×5 conv", graph(IN, Map.of("w", new int[] {4, 1, 5, 5}),
                        new Node.Conv2d("conv", "x", 4, 5, 1, Padding.same(9, 8, 5, 1), 4, "w", null))),
                Arguments.of("dense with bias", graph(IN, Map.of("w", new int[] {7, IN.size()}, "b", new int[] {7}),
                        new Node.Dense("fc", "x", 7, "w", "b"))),
                Arguments.of("dense after dense", graph(IN, Map.of("w", new int[] {7, IN.size()}, "v", new int[] {5, 7}),
                        new Node.Dense("fc", "x", 7, "w", null), new Node.Dense("fc2", "fc", 5, "v", null))),
                Arguments.of("relu", graph(IN, Map.of(), new Node.Relu("relu", "x"))),
                Arguments.of("leaky relu", graph(IN, Map.of(), new Node.LeakyRelu("leaky", "x", 0.1f))),
                Arguments.of("clip", graph(IN, Map.of(), new Node.Clip("clip", "x", -0.25f, 0.5f))),
                Arguments.of("max pool, padded", graph(IN, Map.of(),
                        new Node.MaxPool("pool", "x", 3, 2, Padding.of(1)))),
                Arguments.of("max pool, uneven padding", graph(IN, Map.of(),
                        new Node.MaxPool("pool", "x", 3, 2, uneven))),
                Arguments.of("max pool, padding over half the window", graph(IN, Map.of(),
                        new Node.MaxPool("pool", "x", 3, 1, Padding.of(2)))),
                // Windows wholly in the padding give −∞; the relu makes them 0 so values compare.
                Arguments.of("max pool, windows wholly in the padding, then relu", graph(IN, Map.of(),
                        new Node.MaxPool("pool", "x", 2, 1, Padding.of(3)), new Node.Relu("relu", "pool"))),
                Arguments.of("max pool, valid", graph(IN, Map.of(), new Node.MaxPool("pool", "x", 3, 2, Padding.NONE))),
                Arguments.of("average pool, padded cells left out", graph(IN, Map.of(),
                        new Node.AvgPool("pool", "x", 3, 2, uneven))),
                Arguments.of("average pool, even padding", graph(IN, Map.of(),
                        new Node.AvgPool("pool", "x", 3, 1, Padding.of(1)))),
                Arguments.of("average pool, windows wholly in the padding", graph(IN, Map.of(),
                        new Node.AvgPool("pool", "x", 2, 1, Padding.of(3)))),
                Arguments.of("average pool 2×2/2", graph(IN, Map.of(), new Node.AvgPool("pool", "x", 2, 2, Padding.NONE))),
                Arguments.of("l2 pool 3×3/1, same padding", graph(IN, Map.of(),
                        new Node.L2Pool("pool", "x", 3, 1, Padding.same(9, 8, 3, 1)))),
                Arguments.of("l2 pool, uneven padding", graph(IN, Map.of(),
                        new Node.L2Pool("pool", "x", 3, 2, uneven))),
                // After a relu many windows are all zero: √0 must stay 0 on every backend.
                Arguments.of("l2 pool of a relu, windows in the padding", graph(IN, Map.of(),
                        new Node.Relu("relu", "x"), new Node.L2Pool("pool", "relu", 2, 1, Padding.of(2)))),
                Arguments.of("lrn 5 (AlexNet's constants)", graph(IN, Map.of(),
                        new Node.Lrn("norm", "x", 5, 1e-4f, 0.75f, 2))),
                Arguments.of("lrn 3, strong", graph(IN, Map.of(), new Node.Lrn("norm", "x", 3, 0.9f, 0.6f, 0.5f))),
                Arguments.of("maxout of channels", graph(IN, Map.of(), new Node.Maxout("maxout", "x", 2))),
                Arguments.of("dense then maxout p=2", graph(IN, Map.of("w", new int[] {8, IN.size()}, "b", new int[] {8}),
                        new Node.Dense("fc", "x", 8, "w", "b"), new Node.Maxout("maxout", "fc", 2))),
                Arguments.of("add", graph(IN, Map.of(), new Node.Relu("relu", "x"), new Node.Add("add", "relu", "x"))),
                Arguments.of("add of a value to itself", graph(IN, Map.of(), new Node.Add("add", "x", "x"))),
                Arguments.of("concat", graph(IN, Map.of(), new Node.Relu("relu", "x"),
                        new Node.Concat("cat", List.of("x", "relu", "x")))),
                Arguments.of("concat of one input", graph(IN, Map.of(), new Node.Relu("relu", "x"),
                        new Node.Concat("cat", List.of("relu")))),
                Arguments.of("zero pad channels and space", graph(IN, Map.of(),
                        new Node.ZeroPad("pad", "x", 2, 3, uneven))),
                Arguments.of("zero pad channels only", graph(IN, Map.of(),
                        new Node.ZeroPad("pad", "x", 0, 4, Padding.NONE))),
                Arguments.of("global average pool", graph(IN, Map.of(), new Node.GlobalAvgPool("mean", "x"))),
                Arguments.of("l2 normalise", graph(IN, Map.of(), new Node.L2Normalize("norm", "x", 1e-12f))),
                Arguments.of("l2 normalise of a zero vector keeps epsilon", new Graph(List.of(
                        new Node.Input("x", IN), new Node.Scale("zeros", "x", "z", null),
                        new Node.L2Normalize("norm", "zeros", 1e-3f)),
                        Map.of("z", new Tensor(new int[] {4}, new float[4])), "norm")),
                Arguments.of("scale with bias", graph(IN, Map.of("s", new int[] {4}, "b", new int[] {4}),
                        new Node.Scale("scale", "x", "s", "b"))),
                Arguments.of("scale without bias", graph(IN, Map.of("s", new int[] {4}),
                        new Node.Scale("scale", "x", "s", null))));
    }

    /**
     * A graph whose output, a relu of the input, does not read its other node: a dense layer
     * of the input with its own weight. Running it must give the relu alone.
     */
    public static Graph withUnreadBranch() {
        return new Graph(List.of(new Node.Input("x", IN), new Node.Dense("unused", "x", 3, "w", null),
                new Node.Relu("relu", "x")), Map.of("w", randomTensor(new Random(1), new int[] {3, IN.size()})), "relu");
    }

    /** A graph input → the given nodes (the last one is the output), with random weights. */
    public static Graph graph(TensorShape in, Map<String, int[]> weightShapes, Node... nodes) {
        Random random = new Random(weightShapes.size() * 31L + nodes.length);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        weightShapes.forEach((name, shape) -> weights.put(name, randomTensor(random, shape)));
        List<Node> all = new ArrayList<>();
        all.add(new Node.Input("x", in));
        all.addAll(List.of(nodes));
        return new Graph(all, weights, nodes[nodes.length - 1].name());
    }

    /**
     * Gaussian values scaled by 1/√fan-in (dimensions after the first), as a trained layer's
     * weights are, so that outputs stay near 1 and float32 summation order costs well under 1e-5.
     */
    public static Tensor randomTensor(Random random, int[] shape) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        double scale = 1 / Math.sqrt(shape.length > 1 ? size / shape[0] : 1);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return new Tensor(shape, v);
    }

    public static float[] randomValues(long seed, int count) {
        return randomTensor(new Random(seed), new int[] {count}).values();
    }

    public static double maxAbsDiff(float[][] rows, float[] flat) {
        double max = 0;
        int d = rows[0].length;
        assertThat(rows.length * d).isEqualTo(flat.length);
        for (int n = 0; n < rows.length; n++) {
            for (int i = 0; i < d; i++) {
                max = Math.max(max, Math.abs(rows[n][i] - flat[n * d + i]));
            }
        }
        return max;
    }

    public static double maxAbsDiff(float[][] a, float[][] b) {
        assertThat(a.length).isEqualTo(b.length);
        double max = 0;
        for (int n = 0; n < a.length; n++) {
            assertThat(a[n].length).isEqualTo(b[n].length);
            for (int i = 0; i < a[n].length; i++) {
                max = Math.max(max, Math.abs(a[n][i] - b[n][i]));
            }
        }
        return max;
    }
}
