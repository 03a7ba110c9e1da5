package io.github.facenet4j.gallery.internal;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.math.DistanceMatrix;
import io.github.facenet4j.api.math.SquaredDistances;
import io.github.facenet4j.gallery.Clusterer;
import io.github.facenet4j.gallery.Clusters;
import io.github.facenet4j.gallery.KnnGraph;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Agglomerative clustering on squared L2 distances, FaceNet's choice for its photo
 * collection (§5.8): start with one cluster per face and keep merging the two closest
 * clusters while their distance is at most the threshold. Average linkage (the default) takes
 * the mean of all pairwise distances and does not chain two people together through one
 * ambiguous face the way single linkage does; complete linkage takes the largest.
 *
 * <p>Runs the nearest-neighbour chain algorithm (Murtagh 1983) on the condensed distance
 * matrix, updated by the Lance–Williams rule: O(n²) time and n(n−1)/2 floats. Both linkages
 * are reducible (a merged cluster is never nearer to a third than the nearer of its parts),
 * so the chain finds the same merges as the greedy closest-pair loop, and a cluster whose
 * nearest neighbour is beyond the threshold is final and leaves the search. Above
 * {@value #MAX_EMBEDDINGS} faces it refuses, naming the graph-based clusterers.
 */
@Component(service = Clusterer.class, configurationPid = "facenet.clusterer." + AgglomerativeClusterer.NAME,
        property = Plugin.NAME_PROPERTY + "=" + AgglomerativeClusterer.NAME)
public final class AgglomerativeClusterer implements Clusterer {

    public static final String NAME = "agglomerative";

    /** The most faces: the condensed matrix is n(n−1)/2 floats, 134 MB at 8192 (as bench mining's batch). */
    public static final int MAX_EMBEDDINGS = 8192;

    private static final int BLOCK = 256;

    private final AgglomerativeConfig config;

    AgglomerativeClusterer(AgglomerativeConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** DS activation and the plain runtime: typed config from properties. */
    @Activate
    public AgglomerativeClusterer(Map<String, Object> properties) {
        this(AgglomerativeConfig.from(properties));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Clusters cluster(float[][] embeddings, Threshold threshold) {
        double t = threshold.resolve(config.threshold());
        int n = embeddings.length;
        if (n > MAX_EMBEDDINGS) {
            throw new BadInputException(String.format(Locale.ROOT, "clusterer %s: %,d embeddings are more than its"
                    + " limit of %,d (an n(n−1)/2 distance matrix, 134 MB at %,d); use chinese-whispers or dbscan,"
                    + " which run on a k-NN graph", NAME, n, MAX_EMBEDDINGS, MAX_EMBEDDINGS));
        }
        KnnGraph.dimension(embeddings);
        float[] distances = condensed(embeddings);
        int[] parent = new int[n];
        int[] size = new int[n];
        boolean[] active = new boolean[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
            active[i] = true;
        }
        int[] chain = new int[n];
        int top = 0;
        int start = 0;
        boolean complete = config.linkage() == AgglomerativeConfig.Linkage.COMPLETE;
        while (true) {
            if (top == 0) {
                while (start < n && !active[start]) {
                    start++;
                }
                if (start == n) {
                    break;
                }
                chain[top++] = start;
            }
            int a = chain[top - 1];
            int previous = top >= 2 ? chain[top - 2] : -1;
            // The nearest active cluster, the previous one in the chain on a tie (so the chain ends).
            int nearest = previous;
            double best = previous < 0 ? Double.POSITIVE_INFINITY : distances[index(a, previous, n)];
            for (int k = 0; k < n; k++) {
                if (active[k] && k != a) {
                    float d = distances[index(a, k, n)];
                    if (d < best) {
                        best = d;
                        nearest = k;
                    }
                }
            }
            if (nearest < 0 || best > t) {
                active[a] = false; // nothing within t now, so nothing ever: the linkage is reducible
                top--;
                continue;
            }
            if (nearest != previous) {
                chain[top++] = nearest;
                continue;
            }
            // a and previous are each other's nearest: merge previous into a.
            for (int k = 0; k < n; k++) {
                if (active[k] && k != a && k != previous) {
                    float da = distances[index(a, k, n)];
                    float db = distances[index(previous, k, n)];
                    distances[index(a, k, n)] = complete ? Math.max(da, db)
                            : (float) ((size[a] * (double) da + size[previous] * (double) db) / (size[a] + size[previous]));
                }
            }
            size[a] += size[previous];
            active[previous] = false;
            parent[previous] = a;
            top -= 2;
        }
        int[] roots = new int[n];
        for (int i = 0; i < n; i++) {
            int r = i;
            while (parent[r] != r) {
                r = parent[r];
            }
            roots[i] = r;
        }
        return Clusters.fromLabels(roots, 0, t, false);
    }

    /** The upper triangle of the pairwise distances, row by row. */
    private static float[] condensed(float[][] x) {
        int n = x.length;
        float[] out = new float[(int) ((long) n * (n - 1) / 2)];
        if (n < 2) {
            return out;
        }
        SquaredDistances columns = SquaredDistances.against(x);
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            DistanceMatrix block = columns.from(x, from, to);
            for (int i = from; i < to; i++) {
                int offset = block.rowOffset(i - from);
                int at = index(i, i + 1, n);
                System.arraycopy(block.values(), offset + i + 1, out, at, n - i - 1);
            }
        }
        return out;
    }

    /** Position of the pair {i, j}, i ≠ j, in the condensed upper triangle. */
    private static int index(int i, int j, int n) {
        int a = Math.min(i, j);
        int b = Math.max(i, j);
        return (int) ((long) a * n - (long) a * (a + 1) / 2 + b - a - 1);
    }
}
