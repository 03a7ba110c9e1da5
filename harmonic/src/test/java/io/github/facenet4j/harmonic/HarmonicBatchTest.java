package io.github.facenet4j.harmonic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.LossResult;
import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.RandomCases;
import io.github.facenet4j.api.Triplets;
import io.github.facenet4j.mining.internal.SemiHardConfig;
import io.github.facenet4j.mining.internal.SemiHardMiner;
import io.github.facenet4j.training.internal.TripletLoss;
import io.github.facenet4j.training.internal.TripletLossConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HarmonicBatchTest {

    private static final TripletLoss LOSS = new TripletLoss(TripletLossConfig.defaults());

    /** n unit rows of dimension d, labels 0 … identities−1 round robin. */
    static EmbeddingBatch randomBatch(SplittableRandom random, int n, int d, int identities) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % identities;
        }
        return new EmbeddingBatch(unitRows(random, n, d), labels);
    }

    static float[][] unitRows(SplittableRandom random, int n, int d) {
        float[][] rows = new float[n][d];
        for (float[] row : rows) {
            double norm = 0;
            for (int k = 0; k < d; k++) {
                row[k] = (float) (random.nextDouble() * 2 - 1);
                norm += row[k] * row[k];
            }
            for (int k = 0; k < d; k++) {
                row[k] /= (float) Math.sqrt(norm);
            }
        }
        return rows;
    }

    /** Every valid triplet of the joint batch, by brute force. */
    private static Triplets allTriplets(EmbeddingBatch joint) {
        List<int[]> all = new ArrayList<>();
        int[] y = joint.labels();
        for (int a = 0; a < y.length; a++) {
            for (int p = 0; p < y.length; p++) {
                for (int q = 0; q < y.length; q++) {
                    if (a != p && y[a] == y[p] && y[q] != y[a]) {
                        all.add(new int[] {a, p, q});
                    }
                }
            }
        }
        return new Triplets(all.stream().mapToInt(t -> t[0]).toArray(), all.stream().mapToInt(t -> t[1]).toArray(),
                all.stream().mapToInt(t -> t[2]).toArray());
    }

    @Test
    void theJointBatchIsTheTrainableRowsOverTheReferenceRowsWithTheLabelsTwice() {
        EmbeddingBatch v2 = new EmbeddingBatch(new float[][] {{1, 0}, {0, 1}}, new int[] {7, 3});
        HarmonicBatch b = HarmonicBatch.of(v2, new float[][] {{-1, 0}, {0, -1}});
        assertThat(b.joint().embeddings()).isDeepEqualTo(new float[][] {{1, 0}, {0, 1}, {-1, 0}, {0, -1}});
        assertThat(b.joint().labels()).containsExactly(7, 3, 7, 3);
        assertThat(b.trainableRows()).isEqualTo(2);
        assertThat(List.of(b.origin(0), b.origin(1), b.origin(2), b.origin(3)))
                .containsExactly(Origin.TRAINABLE, Origin.TRAINABLE, Origin.REFERENCE, Origin.REFERENCE);
    }

    @Test
    void everyFigureNineCombinationButAllV1IsKeptFromTheBruteForceSet() {
        RandomCases.check(10, random -> {
            int n = 4 + random.nextInt(5); // two v2 rows of an identity, so a v2 positive exists
            EmbeddingBatch v2 = randomBatch(random, n, 3, 2);
            HarmonicBatch b = HarmonicBatch.of(v2, unitRows(random, n, 3));
            Triplets all = allTriplets(b.joint());
            HarmonicBatch.Selection s = b.keepTrainable(all);
            Set<Combination> kept = new HashSet<>();
            for (int t = 0; t < s.kept().size(); t++) {
                kept.add(b.combination(s.kept(), t));
            }
            long allV1 = 0;
            for (int t = 0; t < all.size(); t++) {
                allV1 += b.combination(all, t).teaches() ? 0 : 1;
            }
            assertThat(kept).containsExactlyInAnyOrderElementsOf(
                    Combination.all().stream().filter(Combination::teaches).toList());
            assertThat(s.dropped()).isEqualTo(allV1).isPositive();
            assertThat(s.kept().size() + s.dropped()).isEqualTo(all.size());
            assertThat(s.byCombination()[Combination.ofIndex(7).index()]).isEqualTo(allV1);
        });
    }

    @Test
    void theSemiHardMinerOverBothVersionsFindsEveryCombinationThatTeaches() {
        SemiHardMiner miner = new SemiHardMiner(SemiHardConfig.defaults());
        long[] byCombination = new long[8];
        RandomCases.check(20, random -> {
            EmbeddingBatch v2 = randomBatch(random, 24, 4, 4);
            HarmonicBatch b = HarmonicBatch.of(v2, unitRows(random, 24, 4));
            Triplets mined = miner.mine(b.joint(), new MiningContext(random.nextInt(100), 1)).triplets();
            HarmonicBatch.Selection s = b.keepTrainable(mined);
            for (int c = 0; c < 8; c++) {
                byCombination[c] += s.byCombination()[c];
            }
            for (int t = 0; t < s.kept().size(); t++) {
                assertThat(b.combination(s.kept(), t).teaches()).isTrue();
            }
        });
        for (Combination c : Combination.all()) {
            assertThat(byCombination[c.index()]).as(c.toString()).isPositive();
        }
    }

    @Test
    void theGradientOfTheTrainableRowsMatchesFiniteDifferencesAndTheReferenceRowsGetNone() {
        RandomCases.check(8, random -> {
            int n = 3 + random.nextInt(3);
            int d = 2 + random.nextInt(2);
            EmbeddingBatch v2 = randomBatch(random, n, d, 2);
            float[][] v1 = unitRows(random, n, d);
            HarmonicBatch b = HarmonicBatch.of(v2, v1);
            Triplets kept = b.keepTrainable(allTriplets(b.joint())).kept();
            LossResult result = LOSS.compute(b.joint(), kept);
            float[][] gradient = b.trainableGradient(result.gradient());
            assertThat(gradient).hasNumberOfRows(n);
            double h = 1e-3;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    LossResult up = lossWith(v2, v1, kept, i, k, h);
                    LossResult down = lossWith(v2, v1, kept, i, k, -h);
                    if (up.activeTriplets() != result.activeTriplets() || down.activeTriplets() != result.activeTriplets()) {
                        continue; // a hinge kink within ±h: the central difference does not see the derivative
                    }
                    double numeric = (up.value() - down.value()) / (2 * h);
                    assertThat((double) gradient[i][k]).as("row %d component %d", i, k).isCloseTo(numeric,
                            org.assertj.core.data.Offset.offset(2e-3 * Math.max(1, Math.abs(numeric))));
                }
            }
            // v1 is frozen: moving a v1 row changes the loss, but nothing is handed back for it
            assertThat(result.gradient()).hasNumberOfRows(2 * n);
            assertThat(gradient).isDeepEqualTo(java.util.Arrays.copyOf(result.gradient(), n));
        });
    }

    /** The loss with v2's row i, component k moved by delta (in double via float rows). */
    private static LossResult lossWith(EmbeddingBatch v2, float[][] v1, Triplets triplets, int i, int k, double delta) {
        float[][] moved = new float[v2.size()][];
        for (int r = 0; r < moved.length; r++) {
            moved[r] = v2.embeddings()[r].clone();
        }
        moved[i][k] += (float) delta;
        HarmonicBatch b = HarmonicBatch.of(new EmbeddingBatch(moved, v2.labels()), v1);
        return LOSS.compute(b.joint(), triplets);
    }

    @Test
    void referenceRowsThatDoNotMatchTheBatchAreRefused() {
        EmbeddingBatch v2 = new EmbeddingBatch(new float[][] {{1, 0}, {0, 1}}, new int[] {0, 1});
        assertThatThrownBy(() -> HarmonicBatch.of(v2, new float[][] {{1, 0}}))
                .isInstanceOf(BadInputException.class).hasMessageContaining("1 embeddings for a batch of 2");
        assertThatThrownBy(() -> HarmonicBatch.of(v2, new float[][] {{1, 0, 0}, {0, 1, 0}}))
                .isInstanceOf(BadInputException.class).hasMessageContaining("dimension 3");
        HarmonicBatch b = HarmonicBatch.of(v2, new float[][] {{1, 0}, {0, 1}});
        assertThatThrownBy(() -> b.trainableGradient(new float[3][2])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.origin(4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void combinationsRoundTripThroughTheirIndex() {
        for (int i = 0; i < 8; i++) {
            assertThat(Combination.ofIndex(i).index()).isEqualTo(i);
        }
        assertThat(Combination.all().stream().filter(c -> !c.teaches()).toList())
                .containsExactly(new Combination(Origin.REFERENCE, Origin.REFERENCE, Origin.REFERENCE));
        assertThatThrownBy(() -> Combination.ofIndex(8)).isInstanceOf(IllegalArgumentException.class);
    }
}
