package io.github.facenet4j.models;

import static io.github.facenet4j.models.GraphCases.BATCH;
import static io.github.facenet4j.models.GraphCases.IN;
import static io.github.facenet4j.models.GraphCases.maxAbsDiff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Padding;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.models.internal.ReferenceExecutor;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link Backend} must do with a compiled {@link Graph}, whatever its engine: run
 * each api.nn operation as the plain-Java reference executor does ({@link GraphCases}), give a
 * small graph's known embedding sample by sample, and refuse what it cannot run in one clear
 * line. A backend's test extends this class and says only how to make the backend; its own
 * checks (configuration, model files, the engine's resources) sit beside these in the subclass.
 * Public, in the test-jar, so that every backend runs the same checks.
 */
public abstract class BackendContract {

    /**
     * The backend under test. Called by each check; return one shared instance where making
     * one is costly (an engine that starts once per process).
     */
    protected abstract Backend backend();

    /** conv 1×1 (weights 1, 2) → global mean → L2 normalise: 1×2×2 input, 2-d output. */
    protected static Graph tinyGraph() {
        return new Graph(List.of(
                new Node.Input("x", new TensorShape(1, 2, 2)),
                new Node.Conv2d("conv", "x", 2, 1, 1, Padding.NONE, 1, "w", null),
                new Node.GlobalAvgPool("mean", "conv"),
                new Node.L2Normalize("norm", "mean", 1e-12f)),
                Map.of("w", new Tensor(new int[] {2, 1, 1, 1}, new float[] {1, 2})), "norm");
    }

    /**
     * A batch for {@link #tinyGraph()}: each sample is one value in all four cells. With mean
     * m, the graph gives (m, 2m) / |(m, 2m)|: (1, 2)/√5 for m &gt; 0 and (−1, −2)/√5 for m &lt; 0.
     */
    private static TensorBatch constantSamples(float... values) {
        float[] x = new float[values.length * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = values[i / 4];
        }
        return new TensorBatch(x, values.length, 1, 2, 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.facenet4j.models.GraphCases#operations")
    void operationMatchesReferenceExecutor(String description, Graph graph) {
        TensorShape in = graph.input().shape();
        float[] x = GraphCases.randomValues(7, BATCH * in.size());
        float[] expected = new ReferenceExecutor(graph).run(x, BATCH);

        float[][] actual;
        try (Network network = backend().compile(graph)) {
            assertThat(network.inputShape()).isEqualTo(in);
            assertThat(network.outputSize()).isEqualTo(graph.outputShape().size());
            actual = network.run(new TensorBatch(x, BATCH, in.channels(), in.height(), in.width()));
        }

        assertThat(actual).hasNumberOfRows(BATCH);
        assertThat(maxAbsDiff(actual, expected)).as(description).isLessThanOrEqualTo(1e-5);
    }

    /**
     * Every trainable architecture, the FaceNet paper's included (nn1's 140 M parameters take
     * 6–30 s per backend on the 2-core build machine, one image each).
     */
    static Stream<String> architectures() {
        return Architectures.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void architectureMatchesReferenceExecutor(String name) {
        // One image, He-normal weights from a fixed seed: the whole network against the reference.
        Architecture arch = Architectures.get(name);
        Graph graph = arch.initialise(arch.defaultInput(), arch.defaultDimension(), 17);
        TensorShape in = graph.input().shape();
        float[] x = GraphCases.randomValues(23, in.size());
        float[] expected = new ReferenceExecutor(graph).run(x, 1);
        float[][] actual;
        try (Network network = backend().compile(graph)) {
            actual = network.run(new TensorBatch(x, 1, in.channels(), in.height(), in.width()));
        }
        assertThat(maxAbsDiff(actual, expected)).as(name).isLessThanOrEqualTo(1e-4);
    }

    /**
     * Checks a network made from {@link #tinyGraph()} (compiled, or loaded from the engine's
     * own file): its shapes, and its known rows for samples of means 1, −1 and 1.
     */
    protected static void assertRunsTinyGraph(Network network) {
        float a = (float) (1 / Math.sqrt(5));
        float b = (float) (2 / Math.sqrt(5));
        assertThat(network.inputShape()).isEqualTo(new TensorShape(1, 2, 2));
        assertThat(network.outputSize()).isEqualTo(2);

        float[][] rows = network.run(constantSamples(1, -1, 1));

        assertThat(rows).hasNumberOfRows(3);
        assertThat(rows[0]).containsExactly(a, b);
        assertThat(rows[1]).containsExactly(-a, -b);
        assertThat(rows[2]).containsExactly(a, b);
    }

    @Test
    void tinyGraphGivesItsKnownEmbeddingForEachSample() {
        try (Network network = backend().compile(tinyGraph())) {
            assertRunsTinyGraph(network);
        }
    }

    @Test
    void nodesTheOutputDoesNotReadLeaveItUnchanged() {
        Graph graph = GraphCases.withUnreadBranch();
        float[] x = GraphCases.randomValues(3, IN.size());
        try (Network network = backend().compile(graph)) {
            assertThat(network.outputSize()).isEqualTo(IN.size());
            float[][] y = network.run(new TensorBatch(x, 1, IN.channels(), IN.height(), IN.width()));
            assertThat(maxAbsDiff(y, new ReferenceExecutor(graph).run(x, 1))).isZero();
        }
    }

    @Test
    void refusesABatchOfAnotherImageShapeInOneLine() {
        try (Network network = backend().compile(tinyGraph())) {
            assertThatThrownBy(() -> network.run(new TensorBatch(new float[9], 1, 1, 3, 3)))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageMatching("backend " + Pattern.quote(backend().name())
                            + ": the \\w+ takes N×1×2×2 tensors, got 1×1×3×3");
        }
    }

    @Test
    void refusesNoGraph() {
        assertThatThrownBy(() -> backend().compile(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("graph");
    }
}
