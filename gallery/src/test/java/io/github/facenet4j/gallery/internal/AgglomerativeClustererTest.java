package io.github.facenet4j.gallery.internal;

import static io.github.facenet4j.api.Draw.between;
import static io.github.facenet4j.api.Draw.hundredths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.RandomCases;
import io.github.facenet4j.gallery.Clusterer;
import java.util.Map;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgglomerativeClustererTest {

    static int[] average(double threshold, float[][] x) {
        return clusterer("average").cluster(x, Clusterer.Threshold.given(threshold)).ids();
    }

    static AgglomerativeClusterer clusterer(String linkage) {
        return new AgglomerativeClusterer(Map.of("linkage", linkage));
    }


    @Test
    void handWorkedLineOfPoints() {
        // 1-d points 0, 0.1, 0.3 | 2.0, 2.2: squared distances 0.01, 0.09, 0.04 inside the
        // first group. Average linkage merges {0, 0.1} (0.01), then with 0.3 at the mean of
        // 0.09 and 0.04 = 0.065; {2.0, 2.2} merge at 0.04. The two groups are ≥ 1.7² apart.
        float[][] x = {{0f}, {0.1f}, {0.3f}, {2.0f}, {2.2f}};
        assertThat(average(0.5, x)).containsExactly(0, 0, 0, 1, 1);
        // At 0.05 the third point stays out: its mean distance to {0, 0.1} is 0.065.
        assertThat(average(0.05, x)).containsExactly(0, 0, 2, 1, 1);
        assertThat(average(0, x)).containsExactly(0, 1, 2, 3, 4);
        assertThat(average(100, x)).containsExactly(0, 0, 0, 0, 0);
    }

    @Test
    void averageLinkageDoesNotChain() {
        // A chain of points 0.5 apart (squared 0.25): single linkage at 0.3 would join all;
        // the mean distance between the halves grows beyond 0.3, so average linkage splits.
        float[][] x = {{0f}, {0.5f}, {1.0f}, {1.5f}, {2.0f}, {2.5f}};
        int[] ids = average(0.3, x);
        assertThat(new HashSet<>(List.of(ids[0], ids[5]))).hasSize(2);
    }

    /** Brute force: repeatedly merge the pair of clusters with the smallest mean pairwise distance. */
    private static int[] bruteForce(float[][] x, double threshold, boolean complete) {
        List<List<Integer>> clusters = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            clusters.add(new ArrayList<>(List.of(i)));
        }
        while (clusters.size() > 1) {
            double best = Double.POSITIVE_INFINITY;
            int bi = -1;
            int bj = -1;
            for (int i = 0; i < clusters.size(); i++) {
                for (int j = i + 1; j < clusters.size(); j++) {
                    double sum = 0;
                    double max = 0;
                    for (int a : clusters.get(i)) {
                        for (int b : clusters.get(j)) {
                            double s = 0;
                            for (int k = 0; k < x[a].length; k++) {
                                double diff = x[a][k] - x[b][k];
                                s += diff * diff;
                            }
                            sum += s;
                            max = Math.max(max, s);
                        }
                    }
                    double mean = complete ? max : sum / (clusters.get(i).size() * clusters.get(j).size());
                    if (mean < best) {
                        best = mean;
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (best > threshold) {
                break;
            }
            clusters.get(bi).addAll(clusters.remove(bj));
        }
        int[] ids = new int[x.length];
        for (int c = 0; c < clusters.size(); c++) {
            for (int i : clusters.get(c)) {
                ids[i] = c;
            }
        }
        return ids;
    }

    private static Set<Set<Integer>> partition(int[] ids) {
        java.util.Map<Integer, Set<Integer>> groups = new java.util.HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            groups.computeIfAbsent(ids[i], k -> new HashSet<>()).add(i);
        }
        return new HashSet<>(groups.values());
    }

    @Test
    void samePartitionAsBruteForce() {
        RandomCases.check(200, random -> {
            int n = between(random, 1, 14);
            double threshold = hundredths(random, 0.05, 3);
            float[][] x = new float[n][3];
            for (float[] row : x) {
                for (int k = 0; k < 3; k++) {
                    // Integer-ish coordinates on a coarse grid make exact ties rare but possible;
                    // Gaussian noise keeps distances distinct almost surely.
                    row[k] = (float) (random.nextGaussian() + random.nextInt(3));
                }
            }
            assertThat(partition(average(threshold, x)))
                    .isEqualTo(partition(bruteForce(x, threshold, false)));
            assertThat(partition(clusterer("complete").cluster(x, Clusterer.Threshold.given(threshold)).ids()))
                    .isEqualTo(partition(bruteForce(x, threshold, true)));
        });
    }

    @Test
    void labelsByDecreasingSizeAndHandlesEdgeCases() {
        float[][] x = {{5f}, {0f}, {0.1f}, {0.2f}};
        assertThat(average(0.1, x)).containsExactly(1, 0, 0, 0);
        assertThat(average(0.1, new float[0][])).isEmpty();
        assertThatThrownBy(() -> average(-1, x)).isInstanceOf(ConfigurationException.class)
                .hasMessage("Clustering threshold must be a finite number ≥ 0, got -1.0");
        assertThatThrownBy(() -> average(1, new float[][] {{1f}, {1f, 2f}}))
                .isInstanceOf(BadInputException.class);
    }

    @Test
    void averageAndCompleteLinkageDifferOnAChain() {
        // 0, 1, 2.2: {0, 1} merge at 1. To 2.2 the mean of 4.84 and 1.44 is 3.14, the largest 4.84:
        // at 3.5 average linkage takes it in, complete linkage does not; at 3 neither does.
        float[][] x = {{0f}, {1f}, {2.2f}};
        assertThat(average(3.5, x)).containsExactly(0, 0, 0);
        assertThat(clusterer("complete").cluster(x, Clusterer.Threshold.given(3.5)).ids()).containsExactly(0, 0, 1);
        assertThat(average(3, x)).containsExactly(0, 0, 1);
        assertThat(clusterer("complete").cluster(x, Clusterer.Threshold.given(5)).ids()).containsExactly(0, 0, 0);
    }

    @Test
    void twoTightGroupsAndAnOutlier() {
        float[][] x = {{0f, 0f}, {0.1f, 0f}, {0f, 0.1f}, {3f, 3f}, {3.1f, 3f}, {10f, -4f}};
        var clusters = clusterer("average").cluster(x, Clusterer.Threshold.modelDefault(0.5));
        assertThat(clusters.ids()).containsExactly(0, 0, 0, 1, 1, 2);
        assertThat(clusters.count()).isEqualTo(3);
        assertThat(clusters.sizes()).containsExactly(3, 2, 1);
        assertThat(clusters.noise()).isZero();
    }

    @Test
    void aConfiguredThresholdReplacesTheModelsButNotTheUsers() {
        float[][] x = {{0f}, {1f}};
        AgglomerativeClusterer configured = new AgglomerativeClusterer(Map.of("threshold", "2"));
        assertThat(configured.cluster(x, Clusterer.Threshold.modelDefault(0.5)).ids()).containsExactly(0, 0);
        assertThat(configured.cluster(x, Clusterer.Threshold.given(0.5)).ids()).containsExactly(0, 1);
        assertThat(configured.cluster(x, Clusterer.Threshold.given(0.5)).threshold()).isEqualTo(0.5);
    }

    @Test
    void badConfigurationAndTooManyEmbeddingsAreOneLine() {
        assertThatThrownBy(() -> new AgglomerativeClusterer(Map.of("linkage", "single")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("clusterer agglomerative: linkage must be one of average, complete, got 'single'");
        assertThatThrownBy(() -> new AgglomerativeClusterer(Map.of("threshold", "-0.5")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("clusterer agglomerative: threshold must be a finite squared L2 distance ≥ 0, got -0.5");
        assertThatThrownBy(() -> new AgglomerativeClusterer(Map.of("treshold", "1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("clusterer agglomerative: unknown key 'treshold' (known: linkage, threshold);"
                        + " check conf/facenet.clusterer.agglomerative.cfg");
        float[][] many = new float[AgglomerativeClusterer.MAX_EMBEDDINGS + 1][1];
        assertThatThrownBy(() -> average(1, many)).isInstanceOf(BadInputException.class)
                .hasMessage("clusterer agglomerative: 8,193 embeddings are more than its limit of 8,192 (an n(n−1)/2"
                        + " distance matrix, 134 MB at 8,192); use chinese-whispers or dbscan, which run on a k-NN graph");
    }
}
