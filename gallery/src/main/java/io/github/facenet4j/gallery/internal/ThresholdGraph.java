package io.github.facenet4j.gallery.internal;

import io.github.facenet4j.gallery.KnnGraph;
import java.util.Arrays;

/**
 * The undirected graph of a {@link KnnGraph}'s edges no longer than a distance, in compressed
 * rows: j is a neighbour of i when either lists the other within the distance, each edge once
 * per end.
 */
final class ThresholdGraph {

    private final int[] start;
    private final int[] adjacent;

    private ThresholdGraph(int[] start, int[] adjacent) {
        this.start = start;
        this.adjacent = adjacent;
    }

    static ThresholdGraph of(KnnGraph graph, double threshold) {
        int n = graph.size();
        long[] edges = new long[n * graph.k()];
        int count = 0;
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < graph.k() && graph.distance(i, r) <= threshold; r++) {
                int j = graph.neighbour(i, r);
                edges[count++] = ((long) Math.min(i, j) << 32) | Math.max(i, j);
            }
        }
        Arrays.sort(edges, 0, count);
        int[] degree = new int[n + 1];
        int unique = 0;
        for (int e = 0; e < count; e++) {
            if (e == 0 || edges[e] != edges[e - 1]) {
                edges[unique++] = edges[e];
                degree[(int) (edges[e] >>> 32)]++;
                degree[(int) edges[e]]++;
            }
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + degree[i];
        }
        int[] fill = Arrays.copyOf(start, n);
        int[] adjacent = new int[2 * unique];
        for (int e = 0; e < unique; e++) {
            int a = (int) (edges[e] >>> 32);
            int b = (int) edges[e];
            adjacent[fill[a]++] = b;
            adjacent[fill[b]++] = a;
        }
        return new ThresholdGraph(start, adjacent);
    }

    int size() {
        return start.length - 1;
    }

    int degree(int i) {
        return start[i + 1] - start[i];
    }

    /** The {@code r}-th neighbour of {@code i}, r &lt; {@link #degree}. */
    int neighbour(int i, int r) {
        return adjacent[start[i] + r];
    }
}
