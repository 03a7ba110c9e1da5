package io.github.facenet4j.gallery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.gallery.ClusteredPoints;
import io.github.facenet4j.gallery.Clusterer;
import io.github.facenet4j.gallery.Clusters;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DbscanClustererTest {

    /** 1-d: a (0), b (0.5), c (1), d (1.9) | e (5) | f (8) | g (20), h (20.3). */
    private static final float[][] LINE = {{0f}, {0.5f}, {1f}, {1.9f}, {5f}, {8f}, {20f}, {20.3f}};

    private static Clusters run(Map<String, Object> config, float[][] x, double eps) {
        return new DbscanClusterer(config).cluster(x, Clusterer.Threshold.given(eps));
    }

    @Test
    void coreBorderAndNoiseOfAHandWorkedLine() {
        // eps 0.9 (squared), min-points 3: N(a) = {b} (a–c is 1), N(b) = {a, c}, N(c) = {b, d} (0.81),
        // N(d) = {c}, N(g) = {h}. b and c are core; a and d are border faces of their cluster; e, f
        // and the pair g, h (2 < 3 faces each) are noise, each its own cluster.
        Clusters clusters = run(Map.of("min-points", "3"), LINE, 0.9);
        assertThat(clusters.ids()).containsExactly(0, 0, 0, 0, 1, 2, 3, 4);
        assertThat(clusters.noise()).isEqualTo(4);
        assertThat(clusters.count()).isEqualTo(5);
        // min-points 2: g and h are core for each other; e and f stay noise.
        Clusters pairs = run(Map.of("min-points", "2"), LINE, 0.9);
        assertThat(pairs.ids()).containsExactly(0, 0, 0, 0, 2, 3, 1, 1);
        assertThat(pairs.noise()).isEqualTo(2);
        // min-points 4: no face has 3 others within 0.9: all noise.
        assertThat(run(Map.of("min-points", "4"), LINE, 0.9).noise()).isEqualTo(8);
    }

    @Test
    void aBorderFaceJoinsButDoesNotExtendItsCluster() {
        // eps 0.5, min-points 4: 0, 0.1, 0.2, 0.3 are core (each within 0.09 of the three others);
        // 1.0 is 0.49 from 0.3 and 0.49 from 1.7, 0.64 from 0.2: two neighbours, a border face that
        // the cluster takes in but does not grow through, so 1.7, its only neighbour, is noise.
        float[][] x = {{0f}, {0.1f}, {0.2f}, {0.3f}, {1.0f}, {1.7f}};
        Clusters clusters = run(Map.of("min-points", "4"), x, 0.5);
        assertThat(clusters.ids()).containsExactly(0, 0, 0, 0, 0, 1);
        assertThat(clusters.noise()).isEqualTo(1);
    }

    @Test
    void theGraphBasedRegionQueriesAgreeWhereTheGraphHoldsEveryNeighbour() {
        Clusters clusters = run(Map.of("min-points", "3", "exact-limit", "0"), LINE, 0.9);
        assertThat(clusters.approximate()).isTrue();
        assertThat(clusters.ids()).containsExactly(0, 0, 0, 0, 1, 2, 3, 4);
        ClusteredPoints data = ClusteredPoints.generate(300, 5, 128, 0.06, 2);
        Clusters exact = run(Map.of(), data.points(), 0.9);
        assertThat(data.samePartition(exact.ids())).isTrue();
        Clusters approximate = run(Map.of("exact-limit", "100", "neighbours", "8"), data.points(), 0.9);
        assertThat(approximate.approximate()).isTrue();
        assertThat(approximate.ids()).containsExactly(exact.ids());
    }

    @Test
    void epsFromTheConfigurationOrTheCall() {
        DbscanClusterer configured = new DbscanClusterer(Map.of("eps", "0.9", "min-points", "2"));
        assertThat(configured.cluster(LINE, Clusterer.Threshold.modelDefault(0.01)).ids())
                .containsExactly(0, 0, 0, 0, 2, 3, 1, 1);
        assertThat(configured.cluster(LINE, Clusterer.Threshold.given(0.01)).noise()).isEqualTo(8);
        assertThatThrownBy(() -> new DbscanClusterer(Map.of("eps", "-1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("clusterer dbscan: eps must be a finite squared L2 distance ≥ 0, got -1.0");
        assertThatThrownBy(() -> new DbscanClusterer(Map.of("min-points", "0")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("clusterer dbscan: min-points must be in [1, 513], got 0");
    }
}
