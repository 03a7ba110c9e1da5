package io.github.facenet4j.gallery;

import static io.github.facenet4j.api.Draw.between;
import static io.github.facenet4j.api.Draw.hundredths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.RandomCases;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgglomerativeClusteringTest {

    @Test
    void handWorkedLineOfPoints() {
        // 1-d points 0, 0.1, 0.3 | 2.0, 2.2: squared distances 0.01, 0.09, 0.04 inside the
        // first group. Average linkage merges {0, 0.1} (0.01), then with 0.3 at the mean of
        // 0.09 and 0.04 = 0.065; {2.0, 2.2} merge at 0.04. The two groups are ≥ 1.7² apart.
        float[][] x = {{0f}, {0.1f}, {0.3f}, {2.0f}, {2.2f}};
        assertThat(new AgglomerativeClustering(0.5).cluster(x)).containsExactly(0, 0, 0, 1, 1);
        // At 0.05 the third point stays out: its mean distance to {0, 0.1} is 0.065.
        assertThat(new AgglomerativeClustering(0.05).cluster(x)).containsExactly(0, 0, 2, 1, 1);
        assertThat(new AgglomerativeClustering(0).cluster(x)).containsExactly(0, 1, 2, 3, 4);
        assertThat(new AgglomerativeClustering(100).cluster(x)).containsExactly(0, 0, 0, 0, 0);
    }

    @Test
    void averageLinkageDoesNotChain() {
        // A chain of points 0.5 apart (squared 0.25): single linkage at 0.3 would join all;
        // the mean distance between the halves grows beyond 0.3, so average linkage splits.
        float[][] x = {{0f}, {0.5f}, {1.0f}, {1.5f}, {2.0f}, {2.5f}};
        int[] ids = new AgglomerativeClustering(0.3).cluster(x);
        assertThat(new HashSet<>(List.of(ids[0], ids[5]))).hasSize(2);
    }

    /** Brute force: repeatedly merge the pair of clusters with the smallest mean pairwise distance. */
    private static int[] bruteForce(float[][] x, double threshold) {
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
                    for (int a : clusters.get(i)) {
                        for (int b : clusters.get(j)) {
                            double s = 0;
                            for (int k = 0; k < x[a].length; k++) {
                                double diff = x[a][k] - x[b][k];
                                s += diff * diff;
                            }
                            sum += s;
                        }
                    }
                    double mean = sum / (clusters.get(i).size() * clusters.get(j).size());
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
            assertThat(partition(new AgglomerativeClustering(threshold).cluster(x)))
                    .isEqualTo(partition(bruteForce(x, threshold)));
        });
    }

    @Test
    void labelsByDecreasingSizeAndHandlesEdgeCases() {
        float[][] x = {{5f}, {0f}, {0.1f}, {0.2f}};
        assertThat(new AgglomerativeClustering(0.1).cluster(x)).containsExactly(1, 0, 0, 0);
        assertThat(new AgglomerativeClustering(0.1).cluster(new float[0][])).isEmpty();
        assertThatThrownBy(() -> new AgglomerativeClustering(-1)).isInstanceOf(ConfigurationException.class)
                .hasMessage("Clustering threshold must be a finite number ≥ 0, got -1.0");
        assertThatThrownBy(() -> new AgglomerativeClustering(1).cluster(new float[][] {{1f}, {1f, 2f}}))
                .isInstanceOf(BadInputException.class);
    }
}
