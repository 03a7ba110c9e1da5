package io.github.facenet4j.evaluators.internal;

import static io.github.facenet4j.api.Draw.between;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.RandomCases;
import io.github.facenet4j.evaluators.ClusteringReport;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClusteringQualityEvaluatorTest {

    /**
     * Labels A A A B B, clusters 0 0 1 1 1. Contingency: cluster 0 = {A:2}, cluster 1 =
     * {A:1, B:2}. Pairs put together: C(2,2) + C(3,2) = 4, of which same identity
     * C(2,2) + C(2,2) = 2 → precision ½; same-identity pairs C(3,2) + C(2,2) = 4 → recall ½.
     * BCubed precision (Σ n²/|cluster|)/5 = (4/2 + 1/3 + 4/3)/5 = 11/15; recall
     * (Σ n²/|identity|)/5 = (4/3 + 1/3 + 4/2)/5 = 11/15.
     */
    @Test
    void scoresHandCountedClustering() {
        ClusteringReport r = ClusteringQualityEvaluator.score(new int[] {0, 0, 1, 1, 1}, new int[] {0, 0, 0, 1, 1}, 1);
        assertThat(r.pairwisePrecision()).isEqualTo(0.5);
        assertThat(r.pairwiseRecall()).isEqualTo(0.5);
        assertThat(r.pairwiseF1()).isEqualTo(0.5);
        assertThat(r.bcubedPrecision()).isCloseTo(11.0 / 15, within(1e-12));
        assertThat(r.bcubedRecall()).isCloseTo(11.0 / 15, within(1e-12));
        assertThat(r.clusters()).isEqualTo(2);
        assertThat(r.identities()).isEqualTo(2);
    }

    /** Clusters that cut across identities evenly carry no information: NMI 0, pairwise 0. */
    @Test
    void scoresIndependentClusteringAsZero() {
        ClusteringReport r = ClusteringQualityEvaluator.score(new int[] {0, 1, 0, 1}, new int[] {0, 0, 1, 1}, 1);
        assertThat(r.nmi()).isCloseTo(0, within(1e-12));
        assertThat(r.pairwisePrecision()).isZero();
        assertThat(r.pairwiseF1()).isZero();
        assertThat(r.bcubedPrecision()).isEqualTo(0.5);
    }

    @Test
    void perfectClusteringScoresOneWhateverTheNames() {
        RandomCases.check(200, random -> {
            assertPerfectClusteringScoresOne(anyInts(random, between(random, 1, 40)), between(random, 1, 1000));
        });
    }

    /** One sample, and one identity only: the entropies are zero, yet the clustering is perfect. */
    @Test
    void perfectClusteringOfOneSampleOrOneIdentityScoresOne() {
        assertPerfectClusteringScoresOne(new int[] {Integer.MIN_VALUE}, 1);
        assertPerfectClusteringScoresOne(new int[] {5, 5, 5, 5, 5, 5}, 1000);
        assertPerfectClusteringScoresOne(new int[] {0, 7, -7, 14, Integer.MAX_VALUE - 3}, 17);
    }

    private static void assertPerfectClusteringScoresOne(int[] rawLabels, int shift) {
        int[] labels = new int[rawLabels.length];
        int[] clusters = new int[rawLabels.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = Math.floorMod(rawLabels[i], 7);
            clusters[i] = labels[i] * 31 + shift;
        }
        ClusteringReport r = ClusteringQualityEvaluator.score(clusters, labels, 1);
        assertThat(r.pairwiseF1()).isEqualTo(1.0);
        assertThat(r.bcubedF1()).isCloseTo(1.0, within(1e-12));
        assertThat(r.nmi()).isCloseTo(1.0, within(1e-12));
        assertThat(r.clusters()).isEqualTo(r.identities());
    }

    @Test
    void scoresStayInUnitInterval() {
        RandomCases.check(200, random -> {
            int[] rawLabels = anyInts(random, between(random, 1, 40));
            int[] rawClusters = anyInts(random, 40);
            int[] labels = new int[rawLabels.length];
            int[] clusters = new int[rawLabels.length];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = Math.floorMod(rawLabels[i], 5);
                clusters[i] = Math.floorMod(rawClusters[i], 4);
            }
            ClusteringReport r = ClusteringQualityEvaluator.score(clusters, labels, 1);
            for (double v : new double[] {r.pairwisePrecision(), r.pairwiseRecall(), r.pairwiseF1(),
                    r.bcubedPrecision(), r.bcubedRecall(), r.bcubedF1(), r.nmi()}) {
                assertThat(v).isBetween(0.0, 1.0 + 1e-12);
            }
        });
    }

    /** {@code length} ints of any value. */
    private static int[] anyInts(SplittableRandom random, int length) {
        return random.ints(length).toArray();
    }
}
