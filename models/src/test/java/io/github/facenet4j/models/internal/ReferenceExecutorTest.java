package io.github.facenet4j.models.internal;

import static io.github.facenet4j.api.Draw.between;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.RandomCases;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Padding;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReferenceExecutorTest {

    private static float[] run(Node node, TensorShape in, Map<String, Tensor> weights, float[] x, int batch) {
        Graph g = new Graph(List.of(new Node.Input("x", in), node), weights, node.name());
        return new ReferenceExecutor(g).run(x, batch);
    }

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** Convolution straight from its definition, summed in double. */
    private static double[] bruteConv(float[] x, int batch, int cin, int h, int w, float[] wt, float[] bias, int cout,
            int k, int s, Padding p, int groups, int oh, int ow) {
        double[] y = new double[batch * cout * oh * ow];
        int cinG = cin / groups;
        int coutG = cout / groups;
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < cout; o++) {
                int g = o / coutG;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double sum = bias == null ? 0 : bias[o];
                        for (int ci = 0; ci < cinG; ci++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    int iy = oy * s + ky - p.top();
                                    int ix = ox * s + kx - p.left();
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                        continue;
                                    }
                                    int c = g * cinG + ci;
                                    sum += (double) wt[((o * cinG + ci) * k + ky) * k + kx]
                                            * x[((n * cin + c) * h + iy) * w + ix];
                                }
                            }
                        }
                        y[((n * cout + o) * oh + oy) * ow + ox] = sum;
                    }
                }
            }
        }
        return y;
    }

    @Test
    void convMatchesTheDefinition() {
        RandomCases.check(60, cases -> {
            int batch = between(cases, 1, 2);
            int groups = between(cases, 1, 3);
            int cinPerGroup = between(cases, 1, 3);
            int coutPerGroup = between(cases, 1, 3);
            int k = between(cases, 1, 5);
            int stride = between(cases, 1, 3);
            int padTop = between(cases, 0, 2);
            int padRight = between(cases, 0, 2);
            int h = between(cases, 5, 19);
            boolean withBias = cases.nextBoolean();
            Random r = new Random(cases.nextLong());
            int cin = groups * cinPerGroup;
            int cout = groups * coutPerGroup;
            int w = h + 3;
            Padding pad = new Padding(padTop, 1, 0, padRight);
            float[] wt = random(r, cout * cinPerGroup * k * k);
            float[] bias = withBias ? random(r, cout) : null;
            float[] x = random(r, batch * cin * h * w);
            Node conv = new Node.Conv2d("c", "x", cout, k, stride, pad, groups, "w", withBias ? "b" : null);
            Map<String, Tensor> weights = withBias
                    ? Map.of("w", new Tensor(new int[] {cout, cinPerGroup, k, k}, wt),
                            "b", new Tensor(new int[] {cout}, bias))
                    : Map.of("w", new Tensor(new int[] {cout, cinPerGroup, k, k}, wt));
            Graph g = new Graph(List.of(new Node.Input("x", new TensorShape(cin, h, w)), conv), weights, "c");
            TensorShape out = g.outputShape();
            float[] y = new ReferenceExecutor(g).run(x, batch);
            double[] expected = bruteConv(x, batch, cin, h, w, wt, bias, cout, k, stride, pad, groups, out.height(),
                    out.width());
            assertThat(y).hasSize(expected.length);
            for (int i = 0; i < y.length; i++) {
                assertThat((double) y[i]).isCloseTo(expected[i], within(1e-4));
            }
        });
    }

    @Test
    void convWorkedByHand() {
        // 1×3×3 input 1..9, 2×2 kernel [[1,0],[0,-1]], stride 1, bias 10: x[i][j] − x[i+1][j+1] + 10 = 6.
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        Node conv = new Node.Conv2d("c", "x", 1, 2, 1, Padding.NONE, 1, "w", "b");
        float[] y = run(conv, new TensorShape(1, 3, 3),
                Map.of("w", new Tensor(new int[] {1, 1, 2, 2}, new float[] {1, 0, 0, -1}),
                        "b", new Tensor(new int[] {1}, new float[] {10})), x, 1);
        assertThat(y).containsExactly(6, 6, 6, 6);
        // Padding 1 all round, stride 2, 3×3 ones kernel: sums of the 2×2, 2×2, 2×2, 2×2 corners.
        Node box = new Node.Conv2d("c", "x", 1, 3, 2, Padding.of(1), 1, "w", null);
        float[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        assertThat(run(box, new TensorShape(1, 3, 3), Map.of("w", new Tensor(new int[] {1, 1, 3, 3}, ones)), x, 1))
                .containsExactly(1 + 2 + 4 + 5, 2 + 3 + 5 + 6, 4 + 5 + 7 + 8, 5 + 6 + 8 + 9);
    }

    @Test
    void denseWorkedByHand() {
        // Two samples of 2×1×1; W = [[1,2],[3,4],[0,-1]], b = [1,0,0].
        Node dense = new Node.Dense("d", "x", 3, "w", "b");
        float[] y = run(dense, new TensorShape(2, 1, 1), Map.of(
                "w", new Tensor(new int[] {3, 2}, new float[] {1, 2, 3, 4, 0, -1}),
                "b", new Tensor(new int[] {3}, new float[] {1, 0, 0})), new float[] {1, 1, 2, -1}, 2);
        assertThat(y).containsExactly(4, 7, -1, 1, 2, 1);
    }

    @Test
    void activationsWorkedByHand() {
        float[] x = {-2, -0.5f, 0, 3};
        TensorShape s = new TensorShape(1, 2, 2);
        assertThat(run(new Node.Relu("r", "x"), s, Map.of(), x, 1)).containsExactly(0, 0, 0, 3);
        assertThat(run(new Node.LeakyRelu("r", "x", 0.1f), s, Map.of(), x, 1)).containsExactly(-0.2f, -0.05f, 0, 3);
        assertThat(run(new Node.Clip("c", "x", -1, 1), s, Map.of(), x, 1)).containsExactly(-1, -0.5f, 0, 1);
    }

    @Test
    void poolsWorkedByHand() {
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        TensorShape s = new TensorShape(1, 4, 4);
        assertThat(run(new Node.MaxPool("p", "x", 2, 2, Padding.NONE), s, Map.of(), x, 1)).containsExactly(6, 8, 14, 16);
        assertThat(run(new Node.AvgPool("p", "x", 2, 2, Padding.NONE), s, Map.of(), x, 1))
                .containsExactly(3.5f, 5.5f, 11.5f, 13.5f);
        // Padded cells are left out of the mean and never win the max: window at (0,0) covers only x[0].
        assertThat(run(new Node.AvgPool("p", "x", 2, 2, new Padding(1, 1, 1, 1)), s, Map.of(), x, 1))
                .containsExactly(1, 2.5f, 4, 7, 8.5f, 10, 13, 14.5f, 16);
        assertThat(run(new Node.MaxPool("p", "x", 3, 3, new Padding(1, 1, 1, 1)), s, Map.of(), x, 1))
                .containsExactly(6, 8, 14, 16);
        float[] minus = {-1, -2, -3, -4};
        assertThat(run(new Node.MaxPool("p", "x", 2, 1, new Padding(0, 0, 1, 1)), new TensorShape(1, 2, 2), Map.of(),
                minus, 1)).containsExactly(-1, -2, -3, -4);
    }

    @Test
    void l2PoolLrnAndMaxoutWorkedByHand() {
        TensorShape square = new TensorShape(1, 2, 2);
        float[] x = {3, 4, 0, 12};
        assertThat(run(new Node.L2Pool("p", "x", 2, 1, Padding.NONE), square, Map.of(), x, 1)).containsExactly(13);
        // Padded cells add nothing: the windows at (0,1), (1,0) and (1,1) see 4 and 12, 0 and 12, 12 alone.
        assertThat(run(new Node.L2Pool("p", "x", 2, 1, new Padding(0, 0, 1, 1)), square, Map.of(), x, 1))
                .containsExactly(new float[] {13, (float) Math.sqrt(160), 12, 12}, within(1e-6f));
        // Channels 1, 2, 3; size 3, alpha 3 (alpha / size = 1), bias 1: sums of squares 5, 14, 13.
        TensorShape three = new TensorShape(3, 1, 1);
        assertThat(run(new Node.Lrn("n", "x", 3, 3, 1, 1), three, Map.of(), new float[] {1, 2, 3}, 1))
                .containsExactly(new float[] {1 / 6f, 2 / 15f, 3 / 14f}, within(1e-7f));
        assertThat(run(new Node.Lrn("n", "x", 3, 3, 2, 1), three, Map.of(), new float[] {1, 2, 3}, 1))
                .containsExactly(new float[] {1 / 36f, 2 / 225f, 3 / 196f}, within(1e-7f));
        // Channels (1, −1), (0, 5), (2, 2), (−3, 7) in runs of two.
        assertThat(run(new Node.Maxout("m", "x", 2), new TensorShape(4, 1, 2), Map.of(),
                new float[] {1, -1, 0, 5, 2, 2, -3, 7}, 1)).containsExactly(1, 5, 2, 7);
    }

    @Test
    void addConcatAndZeroPadWorkedByHand() {
        TensorShape s = new TensorShape(1, 2, 2);
        List<Node> nodes = List.of(new Node.Input("x", s), new Node.Relu("r", "x"), new Node.Add("a", "x", "r"),
                new Node.Concat("c", List.of("a", "x")));
        Graph g = new Graph(nodes, Map.of(), "c");
        assertThat(new ReferenceExecutor(g).run(new float[] {-1, 2, -3, 4, 1, 1, 1, 1}, 2))
                .containsExactly(-1, 4, -3, 8, -1, 2, -3, 4, 2, 2, 2, 2, 1, 1, 1, 1);
        Node pad = new Node.ZeroPad("z", "x", 1, 1, new Padding(0, 1, 1, 0));
        float[] y = run(pad, s, Map.of(), new float[] {1, 2, 3, 4}, 1);
        assertThat(y).hasSize(3 * 3 * 3).containsExactly(
                0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 1, 2, 0, 3, 4, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void globalPoolL2AndScaleWorkedByHand() {
        TensorShape s = new TensorShape(2, 1, 2);
        assertThat(run(new Node.GlobalAvgPool("g", "x"), s, Map.of(), new float[] {1, 3, -2, 4}, 1))
                .containsExactly(2, 1);
        assertThat(run(new Node.L2Normalize("n", "x", 1e-12f), s, Map.of(), new float[] {3, 0, 0, 4, 0, 0, 0, 0}, 2))
                .containsExactly(0.6f, 0, 0, 0.8f, 0, 0, 0, 0);
        Node scale = new Node.Scale("s", "x", "w", "b");
        assertThat(run(scale, s, Map.of("w", new Tensor(new int[] {2}, new float[] {2, -1}),
                "b", new Tensor(new int[] {2}, new float[] {1, 0})), new float[] {1, 3, -2, 4}, 1))
                .containsExactly(3, 7, 2, -4);
    }

    @Test
    void runsUpToAnIntermediateNode() {
        List<Node> nodes = List.of(new Node.Input("x", new TensorShape(1, 1, 2)), new Node.Relu("r", "x"),
                new Node.L2Normalize("n", "r", 1e-12f));
        ReferenceExecutor exec = new ReferenceExecutor(new Graph(nodes, Map.of(), "n"));
        assertThat(exec.run(new float[] {3, -4}, 1, "r")).containsExactly(3, 0);
        assertThat(exec.run(new float[] {3, -4})).containsExactly(1, 0);
        assertThatThrownBy(() -> exec.run(new float[] {3, -4}, 1, "q")).hasMessage("No node 'q' in the graph");
    }

    @Test
    void rejectsInputOfTheWrongSize() {
        Graph g = new Graph(List.of(new Node.Input("x", new TensorShape(1, 2, 2))), Map.of(), "x");
        assertThatThrownBy(() -> new ReferenceExecutor(g).run(new float[5], 1)).isInstanceOf(BadInputException.class)
                .hasMessage("Input of 5 values does not hold 1 samples of 1×2×2");
    }
}
