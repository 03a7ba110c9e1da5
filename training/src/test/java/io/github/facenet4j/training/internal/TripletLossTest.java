package io.github.facenet4j.training.internal;

import static io.github.facenet4j.api.Draw.between;
import static io.github.facenet4j.api.Draw.oneOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.LossResult;
import io.github.facenet4j.api.RandomCases;
import io.github.facenet4j.api.Triplets;
import io.github.facenet4j.training.internal.TripletLossConfig.Reduction;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TripletLossTest {

    private static final Triplets ONE = new Triplets(new int[] {0}, new int[] {1}, new int[] {2});

    @Test
    void handWorkedActiveTripletInOneDimension() {
        // a = 0, p = 0.3, n = 0.5, α = 0.2: d(a,p) = 0.09, d(a,n) = 0.25, hinge = 0.09 − 0.25 + 0.2 = 0.04.
        // ∂/∂a = 2(n − p) = 0.4, ∂/∂p = 2(p − a) = 0.6, ∂/∂n = 2(a − n) = −1.0.
        EmbeddingBatch batch = new EmbeddingBatch(new float[][] {{0f}, {0.3f}, {0.5f}}, new int[] {1, 1, 2});
        LossResult result = loss(Reduction.SUM).compute(batch, ONE);
        assertThat(result.value()).isCloseTo(0.04, within(1e-7));
        assertThat(result.gradient()[0][0]).isCloseTo(0.4f, within(1e-6f));
        assertThat(result.gradient()[1][0]).isCloseTo(0.6f, within(1e-6f));
        assertThat(result.gradient()[2][0]).isCloseTo(-1.0f, within(1e-6f));
        assertThat(result.activeTriplets()).isEqualTo(1);
        assertThat(result.activeFraction()).isEqualTo(1.0);
    }

    @Test
    void handWorkedInactiveTripletHasZeroLossAndGradient() {
        // a = (0,0), p = (0.1,0), n = (1,0): 0.01 − 1 + 0.2 < 0.
        EmbeddingBatch batch = new EmbeddingBatch(new float[][] {{0, 0}, {0.1f, 0}, {1, 0}}, new int[] {1, 1, 2});
        LossResult result = loss(Reduction.MEAN_ALL).compute(batch, ONE);
        assertThat(result.value()).isZero();
        assertThat(result.activeTriplets()).isZero();
        for (float[] row : result.gradient()) {
            assertThat(row).containsOnly(0f);
        }
    }

    @Test
    void reductionsScaleValueAndGradientAlike() {
        // Triplet 0 active (hinge 0.04, from the 1-D case), triplet 1 inactive (n = 2: 0.09 − 4 + 0.2 < 0).
        EmbeddingBatch batch = new EmbeddingBatch(new float[][] {{0f}, {0.3f}, {0.5f}, {2f}}, new int[] {1, 1, 2, 3});
        Triplets two = new Triplets(new int[] {0, 0}, new int[] {1, 1}, new int[] {2, 3});
        LossResult sum = loss(Reduction.SUM).compute(batch, two);
        LossResult meanAll = loss(Reduction.MEAN_ALL).compute(batch, two);
        LossResult meanActive = loss(Reduction.MEAN_ACTIVE).compute(batch, two);
        assertThat(sum.value()).isCloseTo(0.04, within(1e-7));
        assertThat(meanAll.value()).isCloseTo(0.02, within(1e-7));
        assertThat(meanActive.value()).isCloseTo(0.04, within(1e-7));
        assertThat(meanAll.gradient()[0][0]).isCloseTo(0.2f, within(1e-6f));
        assertThat(meanAll.activeFraction()).isEqualTo(0.5);
    }

    @Test
    void noTripletsGiveZeroLoss() {
        EmbeddingBatch batch = new EmbeddingBatch(new float[][] {{0f}, {1f}}, new int[] {1, 2});
        for (Reduction reduction : Reduction.values()) {
            LossResult result = loss(reduction).compute(batch, Triplets.empty());
            assertThat(result.value()).isZero();
            assertThat(result.activeFraction()).isZero();
        }
    }

    @Test
    void gradientMatchesCentralFiniteDifferences() {
        RandomCases.check(60, cases -> {
            Random random = new Random(between(cases, 1, 10_000));
            Reduction reduction = oneOf(cases, Reduction.values());
            int identities = 2 + random.nextInt(3);
            int perIdentity = 2 + random.nextInt(3);
            int dimension = 1 + random.nextInt(6);
            int n = identities * perIdentity;
            float[][] e = new float[n][dimension];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i / perIdentity;
                for (int k = 0; k < dimension; k++) {
                    e[i][k] = (float) (random.nextGaussian() * 0.5);
                }
            }
            Triplets triplets = allValidTriplets(labels);
            TripletLoss loss = loss(reduction);
            EmbeddingBatch batch = new EmbeddingBatch(e, labels);
            LossResult analytic = loss.compute(batch, triplets);

            double h = 1e-3;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < dimension; k++) {
                    float original = e[i][k];
                    e[i][k] = (float) (original + h);
                    LossResult plus = loss.compute(new EmbeddingBatch(e, labels), triplets);
                    e[i][k] = (float) (original - h);
                    LossResult minus = loss.compute(new EmbeddingBatch(e, labels), triplets);
                    double step = (double) (float) (original + h) - (float) (original - h);
                    e[i][k] = original;
                    if (nearKink(e, triplets, i, 0.2, 1e-2)) {
                        continue; // a hinge of a triplet using row i is within reach of ±h: not differentiable there
                    }
                    double numeric = (plus.value() - minus.value()) / step;
                    double exact = analytic.gradient()[i][k];
                    double scale = Math.max(1e-2, Math.max(Math.abs(numeric), Math.abs(exact)));
                    assertThat(Math.abs(numeric - exact) / scale)
                            .as("dL/dE[%d][%d]: numeric %s, analytic %s", i, k, numeric, exact)
                            .isLessThanOrEqualTo(1e-3);
                }
            }
        });
    }

    @Test
    void rejectsTripletsThatDoNotFitTheBatch() {
        EmbeddingBatch batch = new EmbeddingBatch(new float[][] {{0f}, {1f}, {2f}}, new int[] {1, 1, 2});
        Triplets wrong = new Triplets(new int[] {0}, new int[] {2}, new int[] {1});
        assertThatThrownBy(() -> loss(Reduction.SUM).compute(batch, wrong))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("Triplet 0 (0, 2, 1)");
    }

    @Test
    void configIsValidatedAndReadFromProperties() {
        assertThat(TripletLossConfig.from(Map.of("margin", "0.5", "reduction", "mean-active")))
                .isEqualTo(new TripletLossConfig(0.5, Reduction.MEAN_ACTIVE));
        assertThat(new TripletLoss(Map.of()).config()).isEqualTo(TripletLossConfig.defaults());
        assertThatThrownBy(() -> new TripletLossConfig(-0.1, Reduction.SUM))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("loss triplet: margin must be > 0 and finite, got -0.1");
        assertThatThrownBy(() -> TripletLossConfig.from(Map.of("reduction", "mean")))
                .hasMessage("loss triplet: reduction must be one of mean-all, mean-active, sum, got 'mean'");
    }

    @Test
    void anUnknownKeyIsRefusedNamingItAndTheKnownOnes() {
        assertThatThrownBy(() -> TripletLossConfig.from(Map.of("typo", "1", "margin", "0.3")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("loss triplet: unknown key 'typo' (known: margin, reduction); check"
                        + " conf/facenet.loss.triplet.cfg");
    }

    /** True when a triplet that uses row {@code row} has |hinge| below {@code tolerance}. */
    private static boolean nearKink(float[][] e, Triplets triplets, int row, double margin, double tolerance) {
        for (int t = 0; t < triplets.size(); t++) {
            int a = triplets.anchors()[t];
            int p = triplets.positives()[t];
            int q = triplets.negatives()[t];
            if (a != row && p != row && q != row) {
                continue;
            }
            double hinge = margin + squared(e[a], e[p]) - squared(e[a], e[q]);
            if (Math.abs(hinge) < tolerance) {
                return true;
            }
        }
        return false;
    }

    private static double squared(float[] x, float[] y) {
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            sum += ((double) x[k] - y[k]) * ((double) x[k] - y[k]);
        }
        return sum;
    }

    private static TripletLoss loss(Reduction reduction) {
        return new TripletLoss(new TripletLossConfig(0.2, reduction));
    }

    /** Every (a, p, n) with a ≠ p of one label and n of another: a brute-force triplet set. */
    private static Triplets allValidTriplets(int[] labels) {
        java.util.List<int[]> list = new java.util.ArrayList<>();
        for (int a = 0; a < labels.length; a++) {
            for (int p = 0; p < labels.length; p++) {
                for (int q = 0; q < labels.length; q++) {
                    if (a != p && labels[a] == labels[p] && labels[q] != labels[a]) {
                        list.add(new int[] {a, p, q});
                    }
                }
            }
        }
        return new Triplets(list.stream().mapToInt(t -> t[0]).toArray(), list.stream().mapToInt(t -> t[1]).toArray(),
                list.stream().mapToInt(t -> t[2]).toArray());
    }
}
