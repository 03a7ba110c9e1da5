package io.github.facenet4j.gallery;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.math.DistanceMatrix;
import io.github.facenet4j.api.math.SquaredDistances;
import java.util.Arrays;

/**
 * Average-linkage agglomerative clustering on squared L2 distances: start with one cluster
 * per embedding and keep merging the two clusters whose mean pairwise distance is smallest
 * while that mean is at most the threshold. Average linkage does not chain two people
 * together through one ambiguous face the way single linkage (connected components) does.
 * Cluster distances are updated with the Lance–Williams rule for average linkage,
 * d(i∪j, k) = (|i|·d(i,k) + |j|·d(j,k)) / (|i| + |j|), which equals the mean over all pairs.
 * Time O(n³) in the worst case, memory O(n²): fine for a few thousand faces.
 *
 * @param threshold largest mean squared distance at which two clusters still merge
 */
public record AgglomerativeClustering(double threshold) {

    public AgglomerativeClustering {
        if (!(threshold >= 0) || !Double.isFinite(threshold)) {
            throw new ConfigurationException("Clustering threshold must be a finite number ≥ 0, got " + threshold);
        }
    }

    /**
     * Clusters the rows of {@code embeddings}.
     *
     * @return a cluster id per row: 0 for the largest cluster, 1 for the next, …; ties by
     *         the smallest row index in the cluster
     */
    public int[] cluster(float[][] embeddings) {
        int n = embeddings.length;
        if (n == 0) {
            return new int[0];
        }
        int d = embeddings[0].length;
        for (float[] row : embeddings) {
            if (row.length != d) {
                throw new BadInputException("Embeddings to cluster must all have " + d + " values, got " + row.length);
            }
        }
        DistanceMatrix matrix = SquaredDistances.pairwise(embeddings);
        double[][] dist = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                dist[i][j] = matrix.get(i, j);
            }
        }
        int[] parent = new int[n];
        int[] size = new int[n];
        boolean[] alive = new boolean[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
            alive[i] = true;
        }
        while (true) {
            int bestI = -1;
            int bestJ = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (!alive[i]) {
                    continue;
                }
                for (int j = i + 1; j < n; j++) {
                    if (alive[j] && dist[i][j] < best) {
                        best = dist[i][j];
                        bestI = i;
                        bestJ = j;
                    }
                }
            }
            if (bestI < 0 || best > threshold) {
                break;
            }
            // Merge j into i.
            for (int k = 0; k < n; k++) {
                if (alive[k] && k != bestI && k != bestJ) {
                    double merged = (size[bestI] * dist[bestI][k] + size[bestJ] * dist[bestJ][k])
                            / (size[bestI] + size[bestJ]);
                    dist[bestI][k] = merged;
                    dist[k][bestI] = merged;
                }
            }
            size[bestI] += size[bestJ];
            alive[bestJ] = false;
            parent[bestJ] = bestI;
        }
        return relabel(parent);
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            i = parent[i];
        }
        return i;
    }

    /** Cluster ids by decreasing size, ties by first member. */
    private static int[] relabel(int[] parent) {
        int n = parent.length;
        int[] roots = new int[n];
        int[] count = new int[n];
        int[] first = new int[n];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            roots[i] = root(parent, i);
            count[roots[i]]++;
            first[roots[i]] = Math.min(first[roots[i]], i);
        }
        Integer[] order = java.util.stream.IntStream.range(0, n).filter(r -> count[r] > 0).boxed()
                .toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> count[a] != count[b] ? Integer.compare(count[b], count[a])
                : Integer.compare(first[a], first[b]));
        int[] label = new int[n];
        for (int k = 0; k < order.length; k++) {
            label[order[k]] = k;
        }
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = label[roots[i]];
        }
        return ids;
    }
}
