package io.github.facenet4j.gallery.internal;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.math.DistanceMatrix;
import io.github.facenet4j.api.math.SquaredDistances;
import io.github.facenet4j.gallery.Clusterer;
import io.github.facenet4j.gallery.Clusters;
import io.github.facenet4j.gallery.KnnGraph;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * DBSCAN (Ester, Kriegel, Sander, Xu 1996) on squared L2 distances: a face with at least
 * {@code min-points} faces within {@code eps} (itself included) is a core face; a cluster is
 * everything density-reachable from a core face (cores expand, border faces join the first
 * cluster that reaches them and stop there); the rest is <em>noise</em>, and each noise face
 * is a cluster of its own, counted in {@link Clusters#noise()}, so every id is ≥ 0 and the
 * clusters CSV and the evaluators need no special value.
 *
 * <p>Up to {@code exact-limit} faces the region queries are exact: the eps-neighbourhoods,
 * computed over blocks of the distance matrix and kept, at most {@value #MAX_PAIRS} entries
 * (a bigger eps is refused in one line). Above, a region query is the face's
 * {@code max(neighbours, min-points − 1)} nearest in the HNSW k-NN graph that lie within eps:
 * approximate, since a face with more neighbours than that within eps only reaches the
 * nearest of them (the core test itself stays right while the graph finds the true nearest).
 */
@Component(service = Clusterer.class, configurationPid = "facenet.clusterer." + DbscanClusterer.NAME,
        property = Plugin.NAME_PROPERTY + "=" + DbscanClusterer.NAME)
public final class DbscanClusterer implements Clusterer {

    public static final String NAME = "dbscan";

    /** Most neighbourhood entries the exact region queries keep: 128 MB of ints. */
    static final int MAX_PAIRS = 1 << 25;

    private static final int BLOCK = 256;

    private final DbscanConfig config;

    DbscanClusterer(DbscanConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** DS activation and the plain runtime: typed config from properties. */
    @Activate
    public DbscanClusterer(Map<String, Object> properties) {
        this(DbscanConfig.from(properties));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Clusters cluster(float[][] embeddings, Threshold threshold) {
        double eps = threshold.resolve(config.eps());
        KnnGraph.dimension(embeddings);
        int n = embeddings.length;
        boolean approximate = n > config.graph().exactLimit();
        int[][] regions = approximate ? fromGraph(embeddings, eps) : exact(embeddings, eps);
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        int[] queue = new int[n];
        for (int i = 0; i < n; i++) {
            if (labels[i] >= 0 || !core(regions, i)) {
                continue;
            }
            // The cluster is labelled i, its first core face; it grows from its cores only.
            labels[i] = i;
            int head = 0;
            int tail = 0;
            queue[tail++] = i;
            while (head < tail) {
                int p = queue[head++];
                if (!core(regions, p)) {
                    continue;
                }
                for (int q : regions[p]) {
                    if (labels[q] < 0) {
                        labels[q] = i;
                        queue[tail++] = q;
                    }
                }
            }
        }
        int noise = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) {
                labels[i] = i;
                noise++;
            }
        }
        return Clusters.fromLabels(labels, noise, eps, approximate);
    }

    private boolean core(int[][] regions, int i) {
        return regions[i].length + 1 >= config.minPoints();
    }

    /** Every face's other faces within eps, exactly. */
    private static int[][] exact(float[][] x, double eps) {
        int n = x.length;
        int[][] regions = new int[n][];
        if (n == 0) {
            return regions;
        }
        SquaredDistances columns = SquaredDistances.against(x);
        long pairs = 0;
        int[] row = new int[n];
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            DistanceMatrix block = columns.from(x, from, to);
            for (int i = from; i < to; i++) {
                int offset = block.rowOffset(i - from);
                int count = 0;
                for (int j = 0; j < n; j++) {
                    if (j != i && block.values()[offset + j] <= eps) {
                        row[count++] = j;
                    }
                }
                pairs += count;
                if (pairs > MAX_PAIRS) {
                    throw new BadInputException(String.format(Locale.ROOT, "clusterer %s: eps %s puts more than %,d"
                            + " pairs of the %,d embeddings within reach of each other (%,d neighbours per face by row"
                            + " %,d); use a smaller eps", NAME, eps, MAX_PAIRS, n, pairs / (i + 1), i + 1));
                }
                regions[i] = Arrays.copyOf(row, count);
            }
        }
        return regions;
    }

    /** Region queries from the k-NN graph: the listed neighbours within eps. */
    private int[][] fromGraph(float[][] x, double eps) {
        KnnGraph graph = config.graph().graph(x, config.minPoints() - 1);
        int[][] regions = new int[x.length][];
        for (int i = 0; i < x.length; i++) {
            int count = 0;
            while (count < graph.k() && graph.distance(i, count) <= eps) {
                count++;
            }
            regions[i] = new int[count];
            for (int r = 0; r < count; r++) {
                regions[i][r] = graph.neighbour(i, r);
            }
        }
        return regions;
    }
}
