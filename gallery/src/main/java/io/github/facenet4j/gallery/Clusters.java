package io.github.facenet4j.gallery;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * What a {@link Clusterer} found: a cluster id per row, 0 for the largest cluster, 1 for the
 * next, …, ties by the smallest row in the cluster. Every id is ≥ 0: a point DBSCAN calls noise
 * is a cluster of its own (counted in {@link #noise()}), so the ids go straight into a clusters
 * CSV and the clustering-quality evaluator, where a singleton is what it should be.
 *
 * @param ids         the cluster of each row, in {@code [0, count)}
 * @param count       the number of clusters, singletons included
 * @param noise       rows that are noise (DBSCAN; 0 for the other algorithms)
 * @param threshold   the squared L2 distance (or eps) the algorithm ran at
 * @param approximate whether neighbours came from the approximate (HNSW) k-NN graph
 */
public record Clusters(int[] ids, int count, int noise, double threshold, boolean approximate) {

    public Clusters {
        ids = ids.clone();
        if (noise < 0 || noise > ids.length || Arrays.stream(ids).anyMatch(id -> id < 0 || id >= count)) {
            throw new IllegalArgumentException("cluster ids outside [0, " + count + ") or noise " + noise);
        }
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    /** Clusters from any labels in {@code [0, n)} (equal labels: one cluster), renumbered by size. */
    public static Clusters fromLabels(int[] labels, int noise, double threshold, boolean approximate) {
        int n = labels.length;
        int[] count = new int[n];
        int[] first = new int[n];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= n) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " outside [0, " + n + ")");
            }
            count[labels[i]]++;
            first[labels[i]] = Math.min(first[labels[i]], i);
        }
        int[] order = IntStream.range(0, n).filter(r -> count[r] > 0).boxed()
                .sorted((a, b) -> count[a] != count[b] ? Integer.compare(count[b], count[a])
                        : Integer.compare(first[a], first[b]))
                .mapToInt(Integer::intValue).toArray();
        int[] renumbered = new int[n];
        for (int k = 0; k < order.length; k++) {
            renumbered[order[k]] = k;
        }
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = renumbered[labels[i]];
        }
        return new Clusters(ids, order.length, noise, threshold, approximate);
    }

    /** The number of rows in each cluster, by id. */
    public int[] sizes() {
        int[] sizes = new int[count];
        for (int id : ids) {
            sizes[id]++;
        }
        return sizes;
    }
}
