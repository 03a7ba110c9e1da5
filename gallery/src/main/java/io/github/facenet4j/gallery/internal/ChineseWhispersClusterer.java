package io.github.facenet4j.gallery.internal;

import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.math.Permutation;
import io.github.facenet4j.gallery.Clusterer;
import io.github.facenet4j.gallery.Clusters;
import io.github.facenet4j.gallery.KnnGraph;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Chinese whispers (Biemann 2006), the face clustering of dlib's examples: a graph with an edge
 * between two faces at most the threshold apart, every face starting as its own label; each
 * pass visits the faces in a seeded random order and gives each the label most of its
 * neighbours carry (every edge weighs 1, as in dlib's face example; a tie goes to the smaller
 * label), until a pass changes nothing or {@code iterations} passes. The edges are those of
 * the k-NN graph ({@code neighbours} per face, made undirected), exact up to
 * {@code exact-limit} faces and from HNSW above: O(n·k) memory at any size. Deterministic
 * for a seed.
 */
@Component(service = Clusterer.class, configurationPid = "facenet.clusterer." + ChineseWhispersClusterer.NAME,
        property = Plugin.NAME_PROPERTY + "=" + ChineseWhispersClusterer.NAME)
public final class ChineseWhispersClusterer implements Clusterer {

    public static final String NAME = "chinese-whispers";

    private final ChineseWhispersConfig config;

    ChineseWhispersClusterer(ChineseWhispersConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** DS activation and the plain runtime: typed config from properties. */
    @Activate
    public ChineseWhispersClusterer(Map<String, Object> properties) {
        this(ChineseWhispersConfig.from(properties));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Clusters cluster(float[][] embeddings, Threshold threshold) {
        double t = threshold.resolve(config.threshold());
        int n = embeddings.length;
        if (n < 2) {
            KnnGraph.dimension(embeddings);
            return Clusters.fromLabels(new int[n], 0, t, false);
        }
        KnnGraph knn = config.graph().graph(embeddings, 1);
        ThresholdGraph graph = ThresholdGraph.of(knn, t);
        int[] labels = new int[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i;
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(config.graph().seed());
        int[] votes = new int[n];
        int[] touched = new int[n];
        for (int pass = 0; pass < config.iterations(); pass++) {
            Permutation.shuffle(order, random);
            boolean changed = false;
            for (int i : order) {
                int degree = graph.degree(i);
                if (degree == 0) {
                    continue;
                }
                int distinct = 0;
                int best = labels[i];
                int bestVotes = 0;
                for (int r = 0; r < degree; r++) {
                    int label = labels[graph.neighbour(i, r)];
                    if (votes[label]++ == 0) {
                        touched[distinct++] = label;
                    }
                }
                for (int v = 0; v < distinct; v++) {
                    int label = touched[v];
                    if (votes[label] > bestVotes || (votes[label] == bestVotes && label < best)) {
                        bestVotes = votes[label];
                        best = label;
                    }
                    votes[label] = 0;
                }
                if (best != labels[i]) {
                    labels[i] = best;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        return Clusters.fromLabels(labels, 0, t, knn.approximate());
    }
}
