package io.github.facenet4j.gallery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.gallery.ClusteredPoints;
import io.github.facenet4j.gallery.Clusterer;
import io.github.facenet4j.gallery.Clusters;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChineseWhispersClustererTest {

    private static Clusters run(Map<String, Object> config, float[][] x, double threshold) {
        return new ChineseWhispersClusterer(config).cluster(x, Clusterer.Threshold.modelDefault(threshold));
    }

    @Test
    void twoTightGroupsAndAnOutlier() {
        // Squared distances inside the groups ≤ 0.02, between them ≥ 18: at 0.5 the graph has two
        // triangles... a triangle and an edge, and an isolated face.
        float[][] x = {{0f, 0f}, {0.1f, 0f}, {0f, 0.1f}, {3f, 3f}, {3.1f, 3f}, {10f, -4f}};
        Clusters clusters = run(Map.of(), x, 0.5);
        assertThat(clusters.ids()).containsExactly(0, 0, 0, 1, 1, 2);
        assertThat(clusters.approximate()).isFalse();
        assertThat(run(Map.of(), x, 0.001).count()).as("no edges: every face alone").isEqualTo(6);
        assertThat(run(Map.of(), x, 1000).count()).as("one clique").isEqualTo(1);
    }

    @Test
    void aPathIsNotCutByALongEdgeBelowTheThreshold() {
        // Two triangles joined by one edge a–b: a's triangle outvotes b, so the two stay apart.
        float[][] x = {{0f, 0f}, {0f, 0.2f}, {0.17f, 0.1f}, {0.6f, 0.1f}, {0.77f, 0f}, {0.77f, 0.2f}};
        assertThat(run(Map.of(), x, 0.2).ids()).containsExactly(0, 0, 0, 1, 1, 1);
    }

    @Test
    void deterministicForASeedOnThePlainAndTheHnswGraph() {
        ClusteredPoints data = ClusteredPoints.generate(300, 5, 128, 0.06, 11);
        Map<String, Object> exact = Map.of("seed", "5", "neighbours", "8");
        Map<String, Object> hnsw = Map.of("seed", "5", "neighbours", "8", "exact-limit", "0");
        Clusters first = run(exact, data.points(), 0.9);
        assertThat(run(exact, data.points(), 0.9).ids()).containsExactly(first.ids());
        assertThat(data.samePartition(first.ids())).isTrue();
        Clusters approximate = run(hnsw, data.points(), 0.9);
        assertThat(approximate.approximate()).isTrue();
        assertThat(run(hnsw, data.points(), 0.9).ids()).containsExactly(approximate.ids());
        assertThat(data.samePartition(approximate.ids())).isTrue();
    }

    @Test
    void badConfigurationIsOneLine() {
        assertThatThrownBy(() -> new ChineseWhispersClusterer(Map.of("iterations", "0")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("clusterer chinese-whispers: iterations must be in [1, 100000], got 0");
        assertThatThrownBy(() -> new ChineseWhispersClusterer(Map.of("neighbours", "0")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("clusterer chinese-whispers: neighbours must be in [1, 512], got 0");
        assertThatThrownBy(() -> new ChineseWhispersClusterer(Map.of("k", "3")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("clusterer chinese-whispers: unknown key 'k' (known: exact-limit, iterations, neighbours,"
                        + " seed, threshold); check conf/facenet.clusterer.chinese-whispers.cfg");
    }
}
