package io.github.facenet4j.models;

import static io.github.facenet4j.models.GraphCases.maxAbsDiff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.OptimizerSettings;
import io.github.facenet4j.api.OptimizerSettings.Kind;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.TrainableEmbedder;
import io.github.facenet4j.api.TrainableEmbedder.TrainingPass;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Padding;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every backend's {@link TrainableEmbedder} must do, whatever its autodiff: one step of
 * plain SGD moves each weight by minus the finite-difference gradient of the surrogate Σ E⊙G
 * (so a step lowers a triplet loss as the loss's own gradient says), the three update rules
 * match the same rules computed by hand in double, a saved state resumes bit for bit, and bad
 * input is refused in one line. A backend's test extends this class and says only how to make
 * the backend. Public, in the test-jar, so that every trainable backend runs the same checks.
 */
public abstract class TrainableBackendContract {

    /** The backend under test; return one shared instance where starting its engine is costly. */
    protected abstract Backend backend();

    /** How the backend names itself in state messages: "DJL", "DL4J". */
    private String label() {
        return backend().name().toUpperCase(Locale.ROOT);
    }

    private static final OptimizerSettings PLAIN_SGD = new OptimizerSettings(Kind.SGD, 1, 0, 0);

    /** Every differentiable node kind: conv (grouped, padded), activations, pools, concat, add, pad, dense, scale. */
    protected static Graph everyNode() {
        Padding uneven = new Padding(1, 0, 1, 1);
        return GraphCases.graph(new TensorShape(2, 6, 6), sizes(
                        "cw", new int[] {4, 2, 3, 3}, "cb", new int[] {4}, "s", new int[] {4}, "sb", new int[] {4},
                        "gw", new int[] {8, 4, 3, 3}, "fw", new int[] {5, 9 * 4 * 4}, "fb", new int[] {5}),
                new Node.Conv2d("conv", "x", 4, 3, 1, Padding.of(1), 1, "cw", "cb"),
                new Node.LeakyRelu("leaky", "conv", 0.1f),
                new Node.Scale("scale", "leaky", "s", "sb"),
                new Node.MaxPool("max", "scale", 2, 2, Padding.NONE),
                new Node.AvgPool("avg", "scale", 3, 2, uneven),
                new Node.Concat("cat", List.of("max", "avg")),
                new Node.Conv2d("grouped", "cat", 8, 3, 1, Padding.of(1), 2, "gw", null),
                new Node.Add("add", "grouped", "cat"),
                new Node.Relu("relu", "add"),
                new Node.ZeroPad("pad", "relu", 1, 0, new Padding(0, 0, 1, 1)),
                new Node.Dense("fc", "pad", 5, "fw", "fb"),
                new Node.L2Normalize("norm", "fc", 1e-12f));
    }

    /**
     * The FaceNet paper's node kinds (Tables 1 and 2): LRN, L2 pooling, a dense layer with
     * maxout p=2, with a convolution before them so that every weight's gradient passes them.
     */
    protected static Graph paperNodes() {
        return GraphCases.graph(new TensorShape(2, 6, 6), sizes(
                        "cw", new int[] {4, 2, 3, 3}, "cb", new int[] {4}, "fw", new int[] {10, 4 * 3 * 3},
                        "fb", new int[] {10}),
                new Node.Conv2d("conv", "x", 4, 3, 1, Padding.of(1), 1, "cw", "cb"),
                new Node.Lrn("lrn", "conv", 3, 0.5f, 0.75f, 1),
                new Node.L2Pool("l2", "lrn", 3, 2, Padding.same(6, 6, 3, 2)),
                new Node.Dense("fc", "l2", 10, "fw", "fb"),
                new Node.Maxout("maxout", "fc", 2),
                new Node.L2Normalize("norm", "maxout", 1e-12f));
    }

    static Stream<Arguments> differentiableGraphs() {
        return Stream.of(Arguments.of("every node", everyNode()), Arguments.of("the paper's nodes", paperNodes()));
    }

    /** conv 3×3 → relu → max pool → dense → L2 normalise, on 1×8×8 images: a small face net. */
    protected static Graph smallCnn(long seed) {
        Random random = new Random(seed);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        weights.put("cw", GraphCases.randomTensor(random, new int[] {8, 1, 3, 3}));
        weights.put("cb", new Tensor(new int[] {8}, new float[8]));
        weights.put("fw", GraphCases.randomTensor(random, new int[] {16, 8 * 4 * 4}));
        weights.put("fb", new Tensor(new int[] {16}, new float[16]));
        return new Graph(List.of(
                new Node.Input("x", new TensorShape(1, 8, 8)),
                new Node.Conv2d("conv", "x", 8, 3, 1, Padding.of(1), 1, "cw", "cb"),
                new Node.Relu("relu", "conv"),
                new Node.MaxPool("pool", "relu", 2, 2, Padding.NONE),
                new Node.Dense("fc", "pool", 16, "fw", "fb"),
                new Node.L2Normalize("norm", "fc", 1e-12f)), weights, "norm");
    }

    private static Map<String, int[]> sizes(Object... pairs) {
        Map<String, int[]> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (int[]) pairs[i + 1]);
        }
        return map;
    }

    protected static TensorBatch batch(Graph graph, int count, long seed) {
        TensorShape in = graph.input().shape();
        return new TensorBatch(GraphCases.randomValues(seed, count * in.size()), count, in.channels(), in.height(),
                in.width());
    }

    protected static float[][] randomGradient(int rows, int dimension, long seed) {
        Random random = new Random(seed);
        float[][] g = new float[rows][dimension];
        for (float[] row : g) {
            for (int i = 0; i < dimension; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        return g;
    }

    /** Σ E⊙G in double, E from running {@code graph} with the given weights for inference. */
    private double surrogate(Graph graph, Map<String, Tensor> weights, TensorBatch batch, float[][] g) {
        try (Network network = backend().compile(new Graph(graph.nodes(), weights, graph.output()))) {
            float[][] e = network.run(batch);
            double sum = 0;
            for (int n = 0; n < e.length; n++) {
                for (int i = 0; i < e[n].length; i++) {
                    sum += (double) e[n][i] * g[n][i];
                }
            }
            return sum;
        }
    }

    private static Map<String, Tensor> withValue(Map<String, Tensor> weights, String name, int index, float value) {
        Map<String, Tensor> copy = new LinkedHashMap<>(weights);
        float[] v = weights.get(name).values();
        v[index] = value;
        copy.put(name, new Tensor(weights.get(name).shape(), v));
        return copy;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differentiableGraphs")
    void sgdStepOfRateOneMovesEachWeightByMinusTheFiniteDifferenceGradient(String description, Graph graph) {
        TensorBatch batch = batch(graph, 3, 11);
        Random pick = new Random(5);
        try (TrainableEmbedder embedder = backend().trainable(graph, PLAIN_SGD)) {
            // Two steps: the second checks that the first step's gradient does not linger.
            for (int step = 0; step < 2; step++) {
                Map<String, Tensor> before = embedder.weights();
                float[][] g = randomGradient(3, graph.outputShape().size(), 100 + step);
                try (TrainingPass pass = embedder.forward(batch)) {
                    pass.backwardAndStep(g);
                }
                Map<String, Tensor> after = embedder.weights();
                double h = 1e-3;
                double worst = 0;
                for (String name : before.keySet()) {
                    for (int k = 0; k < 4; k++) {
                        int i = pick.nextInt(before.get(name).size());
                        float w = before.get(name).get(i);
                        double numeric = (surrogate(graph, withValue(before, name, i, (float) (w + h)), batch, g)
                                - surrogate(graph, withValue(before, name, i, (float) (w - h)), batch, g))
                                / ((float) (w + h) - (float) (w - h));
                        double analytic = -(after.get(name).get(i) - w);
                        worst = Math.max(worst, Math.abs(analytic - numeric));
                        assertThat(Math.abs(analytic - numeric)).as("step %d, dL/d%s[%d]: %f vs %f", step, name, i,
                                analytic, numeric).isLessThanOrEqualTo(1e-3 + 1e-2 * Math.abs(numeric));
                    }
                }
                System.out.printf("%s, step %d: max |gradient − finite difference| = %.1e over %d weights%n",
                        description, step, worst, 4 * before.size());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differentiableGraphs")
    void gradientsAreNotAllZero(String description, Graph graph) {
        // Guards the finite-difference test against a vacuous pass: the step moves every weight tensor.
        try (TrainableEmbedder embedder = backend().trainable(graph, PLAIN_SGD);
                TrainingPass pass = embedder.forward(batch(graph, 3, 11))) {
            pass.backwardAndStep(randomGradient(3, graph.outputShape().size(), 100));
            for (String name : graph.weights().keySet()) {
                assertThat(embedder.weights().get(name)).as(name).isNotEqualTo(graph.weight(name));
            }
        }
    }

    // ---- update rules on two parameters, against the same rules computed by hand in double ----

    /** input 2×1×1 → y = w⊙x → y/‖y‖: two weights whose gradient is easy to write down. */
    private static Graph twoWeights(float w0, float w1) {
        return new Graph(List.of(new Node.Input("x", new TensorShape(2, 1, 1)),
                new Node.Scale("scale", "x", "w", null), new Node.L2Normalize("norm", "scale", 1e-12f)),
                Map.of("w", new Tensor(new int[] {2}, new float[] {w0, w1})), "norm");
    }

    /** dL/dw of L = Σₙ Eₙ·Gₙ with Eₙ = yₙ/‖yₙ‖, yₙ = w⊙xₙ: dL/dyₙ = (Gₙ − Eₙ(Eₙ·Gₙ)) / ‖yₙ‖. */
    private static double[] handGradient(double[] w, float[][] x, float[][] g) {
        double[] grad = new double[2];
        for (int n = 0; n < x.length; n++) {
            double y0 = w[0] * x[n][0];
            double y1 = w[1] * x[n][1];
            double norm = Math.sqrt(y0 * y0 + y1 * y1);
            double e0 = y0 / norm;
            double e1 = y1 / norm;
            double eg = e0 * g[n][0] + e1 * g[n][1];
            grad[0] += x[n][0] * (g[n][0] - e0 * eg) / norm;
            grad[1] += x[n][1] * (g[n][1] - e1 * eg) / norm;
        }
        return grad;
    }

    static Stream<Arguments> optimisers() {
        return Stream.of(
                Arguments.of(new OptimizerSettings(Kind.SGD, 0.1, 0, 0)),
                Arguments.of(new OptimizerSettings(Kind.SGD, 0.1, 0.9, 0.01)),
                Arguments.of(new OptimizerSettings(Kind.ADAGRAD, 0.05, 0, 0.001)),
                Arguments.of(new OptimizerSettings(Kind.ADAM, 0.01, 0, 0.01)));
    }

    @ParameterizedTest
    @MethodSource("optimisers")
    void updateMatchesTheRuleComputedByHand(OptimizerSettings settings) {
        float[][] x = {{0.5f, -1.5f}, {2f, 0.25f}};
        TensorBatch batch = new TensorBatch(new float[] {x[0][0], x[0][1], x[1][0], x[1][1]}, 2, 2, 1, 1);
        double[] w = {0.8, -0.3};
        double[] slot1 = new double[2];
        double[] slot2 = new double[2];
        try (TrainableEmbedder embedder = backend().trainable(twoWeights((float) w[0], (float) w[1]), settings)) {
            for (int t = 1; t <= 3; t++) {
                float[][] g = randomGradient(2, 2, t);
                double[] grad = handGradient(w, x, g);
                for (int i = 0; i < 2; i++) {
                    double gi = grad[i] + settings.weightDecay() * w[i];
                    double lr = settings.learningRate();
                    switch (settings.kind()) {
                        case SGD -> {
                            slot1[i] = settings.momentum() * slot1[i] + gi;
                            w[i] -= lr * (settings.momentum() > 0 ? slot1[i] : gi);
                        }
                        case ADAGRAD -> {
                            slot1[i] += gi * gi;
                            w[i] -= lr * gi / (Math.sqrt(slot1[i]) + 1e-10);
                        }
                        case ADAM -> {
                            slot1[i] = 0.9 * slot1[i] + 0.1 * gi;
                            slot2[i] = 0.999 * slot2[i] + 0.001 * gi * gi;
                            double mHat = slot1[i] / (1 - Math.pow(0.9, t));
                            double vHat = slot2[i] / (1 - Math.pow(0.999, t));
                            w[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
                        }
                        default -> throw new IllegalStateException();
                    }
                }
                try (TrainingPass pass = embedder.forward(batch)) {
                    pass.backwardAndStep(g);
                }
                float[] actual = embedder.weights().get("w").values();
                for (int i = 0; i < 2; i++) {
                    assertThat(Math.abs(actual[i] - w[i])).as("%s step %d, w[%d] = %f, expected %f", settings.kind(), t,
                            i, actual[i], w[i]).isLessThanOrEqualTo(1e-6);
                }
            }
        }
    }

    // ---- state: exact resume ----

    /** Steps with a gradient that depends on the embeddings (pull each towards a fixed target). */
    protected static void train(TrainableEmbedder embedder, Graph graph, int from, int to) {
        for (int step = from; step < to; step++) {
            if (step == 1) {
                embedder.learningRate(0.003); // a schedule's change must survive the state too
            }
            try (TrainingPass pass = embedder.forward(batch(graph, 8, 1000 + step))) {
                float[][] e = pass.embeddings();
                float[][] target = randomGradient(8, 16, step);
                float[][] g = new float[8][16];
                for (int n = 0; n < 8; n++) {
                    for (int i = 0; i < 16; i++) {
                        g[n][i] = e[n][i] - target[n][i] / 4;
                    }
                }
                pass.backwardAndStep(g);
            }
        }
    }

    protected static byte[] state(TrainableEmbedder embedder) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        embedder.writeState(out);
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void restoredStateContinuesBitForBitLikeAnUninterruptedRun(Kind kind) throws IOException {
        OptimizerSettings settings = new OptimizerSettings(kind, 0.01, kind == Kind.SGD ? 0.9 : 0, 1e-4);
        Graph graph = smallCnn(3);
        byte[] uninterrupted;
        Map<String, Tensor> expected;
        try (TrainableEmbedder embedder = backend().trainable(graph, settings)) {
            train(embedder, graph, 0, 4);
            uninterrupted = state(embedder);
            expected = embedder.weights();
        }
        byte[] halfway;
        try (TrainableEmbedder first = backend().trainable(graph, settings)) {
            train(first, graph, 0, 2);
            halfway = state(first);
        }
        try (TrainableEmbedder resumed = backend().trainable(graph, settings)) {
            resumed.readState(new ByteArrayInputStream(halfway));
            train(resumed, graph, 2, 4);
            assertThat(resumed.weights()).isEqualTo(expected);
            assertThat(state(resumed)).isEqualTo(uninterrupted);
        }
        assertThat(expected).isNotEqualTo(graph.weights());
    }

    @Test
    void rejectsStateOfAnotherOptimiserOrGraphOrATruncatedOne() throws IOException {
        Graph graph = smallCnn(3);
        byte[] adam;
        try (TrainableEmbedder embedder = backend().trainable(graph, OptimizerSettings.adam(0.01))) {
            adam = state(embedder);
        }
        try (TrainableEmbedder adagrad = backend().trainable(graph, OptimizerSettings.faceNet())) {
            assertThatThrownBy(() -> adagrad.readState(new ByteArrayInputStream(adam)))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("Cannot restore the " + label() + " training state: it was written by ADAM, this embedder trains"
                            + " with ADAGRAD");
        }
        try (TrainableEmbedder other = backend().trainable(everyNode(), OptimizerSettings.adam(0.01))) {
            assertThatThrownBy(() -> other.readState(new ByteArrayInputStream(adam)))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("Cannot restore the " + label() + " training state: it has 4 weights, the graph 7");
        }
        try (TrainableEmbedder embedder = backend().trainable(graph, OptimizerSettings.adam(0.01))) {
            assertThatThrownBy(() -> embedder.readState(new ByteArrayInputStream(Arrays.copyOf(adam, adam.length - 1))))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("Cannot restore the " + label() + " training state: it is truncated");
            assertThatThrownBy(() -> embedder.readState(new ByteArrayInputStream(new byte[] {0, 3, 'a', 'b', 'c'})))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("Cannot restore the " + label() + " training state: it is not a " + label()
                            + " training state of version 1");
        }
    }

    // ---- the embedder's contract ----

    @Test
    void exportedWeightsRunLikeTheEmbedderAndItsTrainingPass() {
        Graph graph = smallCnn(4);
        TensorBatch batch = batch(graph, 5, 9);
        try (TrainableEmbedder embedder = backend().trainable(graph, OptimizerSettings.adam(0.01))) {
            assertThat(embedder.dimension()).isEqualTo(16);
            train(embedder, graph, 0, 2);
            Map<String, Tensor> weights = embedder.weights();
            assertThat(weights.keySet()).containsExactlyElementsOf(graph.weights().keySet());
            float[][] embedded = embedder.embed(batch);
            try (TrainingPass pass = embedder.forward(batch);
                    Network exported = backend().compile(new Graph(graph.nodes(), weights, graph.output()))) {
                assertThat(maxAbsDiff(pass.embeddings(), embedded)).isLessThanOrEqualTo(1e-6);
                assertThat(maxAbsDiff(exported.run(batch), embedded)).isLessThanOrEqualTo(1e-6);
            }
        }
    }

    @Test
    void aPassCannotStepAfterTheWeightsChanged() {
        Graph graph = smallCnn(4);
        try (TrainableEmbedder embedder = backend().trainable(graph, OptimizerSettings.adam(0.01));
                TrainingPass first = embedder.forward(batch(graph, 2, 1));
                TrainingPass second = embedder.forward(batch(graph, 2, 2))) {
            first.backwardAndStep(randomGradient(2, 16, 1));
            assertThatThrownBy(() -> second.backwardAndStep(randomGradient(2, 16, 2)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("run forward again");
            assertThatThrownBy(() -> first.backwardAndStep(randomGradient(2, 16, 1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already stepped");
        }
    }

    @Test
    void rejectsAGradientOfTheWrongShapeAndABadLearningRate() {
        Graph graph = smallCnn(4);
        try (TrainableEmbedder embedder = backend().trainable(graph, OptimizerSettings.adam(0.01));
                TrainingPass pass = embedder.forward(batch(graph, 2, 1))) {
            assertThatThrownBy(() -> pass.backwardAndStep(new float[3][16]))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("The loss gradient has 3 rows, the pass 2 embeddings");
            assertThatThrownBy(() -> pass.backwardAndStep(new float[][] {new float[16], new float[15]}))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("Row 1 of the loss gradient has 15 values, the embedding 16");
            assertThatThrownBy(() -> embedder.learningRate(0))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Learning rate must be a finite number > 0, got 0.0");
            assertThatThrownBy(() -> embedder.embed(new TensorBatch(new float[9], 1, 1, 3, 3)))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("backend " + backend().name() + ": the embedder takes N×1×8×8 tensors, got 1×1×3×3");
        }
    }

    // ---- end to end: training separates identities ----

    /*
     * A small CNN trained with the triplet loss (FaceNet §3.1, eq. 1, all valid triplets of a
     * P×K batch, margin 0.2), loss and gradient in plain Java, separates four "identities"
     * (noisy copies of four similar random 8×8 patterns) on images it never trained on.
     */

    private static final int IDENTITIES = 4;
    private static final int PER_IDENTITY = 4;
    private static final float MARGIN = 0.2f;
    private static final int SIDE = 8;

    /** A triplet loss value and dL/dE. */
    private record TripletLoss(double value, float[][] gradient) {
    }

    /**
     * L = (1/T) Σ over all (a, p, n) with label(a) = label(p) ≠ label(n) of
     * [‖a − p‖² − ‖a − n‖² + α]₊; an active triplet adds 2(n − p)/T to dL/da,
     * 2(p − a)/T to dL/dp and 2(a − n)/T to dL/dn.
     */
    private static TripletLoss tripletLoss(float[][] e, int[] labels) {
        int d = e[0].length;
        float[][] grad = new float[e.length][d];
        double sum = 0;
        int triplets = 0;
        for (int a = 0; a < e.length; a++) {
            for (int p = 0; p < e.length; p++) {
                if (p == a || labels[p] != labels[a]) {
                    continue;
                }
                for (int n = 0; n < e.length; n++) {
                    if (labels[n] == labels[a]) {
                        continue;
                    }
                    triplets++;
                    double hinge = distance(e[a], e[p]) - distance(e[a], e[n]) + MARGIN;
                    if (hinge > 0) {
                        sum += hinge;
                        for (int i = 0; i < d; i++) {
                            grad[a][i] += 2 * (e[n][i] - e[p][i]);
                            grad[p][i] += 2 * (e[p][i] - e[a][i]);
                            grad[n][i] += 2 * (e[a][i] - e[n][i]);
                        }
                    }
                }
            }
        }
        for (float[] row : grad) {
            for (int i = 0; i < d; i++) {
                row[i] /= triplets;
            }
        }
        return new TripletLoss(sum / triplets, grad);
    }

    private static double distance(float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] - y[i]) * (x[i] - y[i]);
        }
        return s;
    }

    /** P × K images: each identity's pattern plus Gaussian noise. */
    private static TensorBatch noisyCopies(float[][] patterns, int[] labels, Random noise) {
        int size = SIDE * SIDE;
        float[] data = new float[labels.length * size];
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < size; j++) {
                data[i * size + j] = patterns[labels[i]][j] + (float) (0.3 * noise.nextGaussian());
            }
        }
        return new TensorBatch(data, labels.length, 1, SIDE, SIDE);
    }

    @Test
    void trainingReducesTheTripletLossOnUnseenImages() {
        Random random = new Random(17);
        // Identities share most of their pattern, so that an untrained net hardly tells them apart.
        float[] common = new float[SIDE * SIDE];
        for (int j = 0; j < common.length; j++) {
            common[j] = (float) random.nextGaussian();
        }
        float[][] patterns = new float[IDENTITIES][SIDE * SIDE];
        for (float[] p : patterns) {
            for (int j = 0; j < p.length; j++) {
                p[j] = common[j] + (float) (0.4 * random.nextGaussian());
            }
        }
        int[] labels = new int[IDENTITIES * PER_IDENTITY];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / PER_IDENTITY;
        }
        TensorBatch heldOut = noisyCopies(patterns, labels, new Random(99));

        try (TrainableEmbedder embedder = backend().trainable(smallCnn(8),
                OptimizerSettings.adam(0.01))) {
            double before = tripletLoss(embedder.embed(heldOut), labels).value();
            double firstTraining = Double.NaN;
            for (int step = 0; step < 40; step++) {
                try (TrainingPass pass = embedder.forward(noisyCopies(patterns, labels, random))) {
                    TripletLoss loss = tripletLoss(pass.embeddings(), labels);
                    if (step == 0) {
                        firstTraining = loss.value();
                    }
                    pass.backwardAndStep(loss.gradient());
                }
            }
            double after = tripletLoss(embedder.embed(heldOut), labels).value();
            System.out.printf("triplet loss on held-out images: %.4f before, %.4f after 40 Adam steps"
                    + " (first training batch %.4f)%n", before, after, firstTraining);
            assertThat(before).isGreaterThan(0.05);
            assertThat(after).isLessThan(before / 4);
        }
    }
}
