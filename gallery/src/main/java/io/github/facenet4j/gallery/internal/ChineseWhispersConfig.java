package io.github.facenet4j.gallery.internal;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import io.github.facenet4j.gallery.Clusterer;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The {@code chinese-whispers} clusterer's settings (PID {@code facenet.clusterer.chinese-whispers}).
 *
 * @param threshold  an edge joins two faces at most this far apart; empty: the call's (the model card's)
 * @param iterations most passes over the faces (fewer when a pass changes no label); dlib's default 100
 * @param graph      the k-NN graph the edges come from ({@code neighbours}, {@code exact-limit});
 *                   its {@code seed} also shuffles the order of every pass
 */
record ChineseWhispersConfig(OptionalDouble threshold, int iterations, GraphSettings graph) {

    static final int MAX_ITERATIONS = 100_000;

    ChineseWhispersConfig {
        GraphSettings.requireDistance(ChineseWhispersClusterer.NAME, "threshold", threshold);
        Objects.requireNonNull(graph, "graph");
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new ConfigurationException("clusterer " + ChineseWhispersClusterer.NAME + ": iterations must be in [1, "
                    + MAX_ITERATIONS + "], got " + iterations);
        }
    }

    static ChineseWhispersConfig from(Map<String, ?> properties) {
        Settings settings = Settings.forPlugin(PluginKind.of(Clusterer.class), ChineseWhispersClusterer.NAME,
                properties);
        OptionalDouble threshold = GraphSettings.distance(settings, "threshold");
        int iterations = settings.getInt("iterations", 100);
        GraphSettings graph = GraphSettings.from(ChineseWhispersClusterer.NAME, settings, 32);
        settings.refuseUnknownKeys();
        return new ChineseWhispersConfig(threshold, iterations, graph);
    }
}
