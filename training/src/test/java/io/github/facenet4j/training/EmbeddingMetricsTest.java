package io.github.facenet4j.training;

import static io.github.facenet4j.api.Draw.between;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.RandomCases;
import io.github.facenet4j.api.math.Vectors;
import org.junit.jupiter.api.Test;

class EmbeddingMetricsTest {

    /** Leave-one-out 1-NN the slow way: every pair, differences of vectors, ties to the lower index. */
    static double bruteForcePrecision(float[][] e, int[] labels) {
        int asked = 0;
        int correct = 0;
        for (int i = 0; i < e.length; i++) {
            boolean hasMate = false;
            for (int j = 0; j < e.length; j++) {
                hasMate |= j != i && labels[j] == labels[i];
            }
            if (!hasMate) {
                continue;
            }
            int best = -1;
            double bestDistance = 0;
            for (int j = 0; j < e.length; j++) {
                double d = Vectors.squaredDistance(e[i], e[j]);
                if (j != i && (best < 0 || d < bestDistance)) {
                    best = j;
                    bestDistance = d;
                }
            }
            asked++;
            correct += labels[best] == labels[i] ? 1 : 0;
        }
        return (double) correct / asked;
    }

    /**
     * Small whole-number vectors: every distance is exact in float both ways, so even ties
     * must be broken the same way (lowest index).
     */
    @Test
    void precisionAtOneEqualsBruteForce() {
        RandomCases.check(300, random -> {
            int n = between(random, 2, 300);
            int d = between(random, 1, 9);
            int identities = between(random, 1, 6);
            float[][] e = new float[n][d];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextInt(identities);
                for (int k = 0; k < d; k++) {
                    e[i][k] = random.nextInt(7) - 3;
                }
            }
            labels[1] = labels[0];
            assertThat(EmbeddingMetrics.precisionAtOne(e, labels)).isEqualTo(bruteForcePrecision(e, labels));
        });
    }

    @Test
    void handWorkedPrecision() {
        // 0 and 1 are one identity but 2 sits next to 0; 3 is alone (left out)
        float[][] e = {{0, 0}, {5, 0}, {0.5f, 0}, {9, 9}};
        int[] labels = {7, 7, 8, 9};
        // query 0 → nearest 2 (wrong); query 1 → nearest 2 (wrong); 2 and 3 have no mate
        assertThat(EmbeddingMetrics.precisionAtOne(e, labels)).isEqualTo(0.0);
        labels[2] = 7;
        // now 0 → 2 right, 1 → 2 right, 2 → 0 right
        assertThat(EmbeddingMetrics.precisionAtOne(e, labels)).isEqualTo(1.0);
        assertThatThrownBy(() -> EmbeddingMetrics.precisionAtOne(e, new int[] {1, 2, 3, 4}))
                .isInstanceOf(BadInputException.class).hasMessageContaining("every one of the 4 has its own label");
    }

    @Test
    void meanSquaredDistanceEqualsBruteForce() {
        RandomCases.check(200, random -> {
            int n = between(random, 2, 60);
            int d = between(random, 1, 16);
            float[][] e = new float[n][d];
            for (float[] row : e) {
                for (int k = 0; k < d; k++) {
                    row[k] = (float) random.nextGaussian();
                }
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        sum += Vectors.squaredDistance(e[i], e[j]);
                    }
                }
            }
            double brute = sum / ((double) n * (n - 1));
            assertThat(EmbeddingMetrics.meanSquaredDistance(e)).isCloseTo(brute, within(1e-9 * Math.max(1, brute)));
        });
    }

    @Test
    void spreadOfCollapsedAndOfSpreadVectors() {
        float[][] same = {{0.6f, 0.8f}, {0.6f, 0.8f}, {0.6f, 0.8f}};
        assertThat(EmbeddingMetrics.meanSquaredDistance(same)).isCloseTo(0, within(1e-12));
        float[][] opposite = {{1, 0}, {-1, 0}};
        assertThat(EmbeddingMetrics.meanSquaredDistance(opposite)).isEqualTo(4.0);
        assertThat(EmbeddingMetrics.meanSquaredDistance(new float[][] {{1, 0}})).isZero();
    }
}
