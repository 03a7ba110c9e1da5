package io.github.facenet4j.gallery.internal;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import io.github.facenet4j.gallery.Clusterer;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The {@code dbscan} clusterer's settings (PID {@code facenet.clusterer.dbscan}).
 *
 * @param eps       the radius of a region query, a squared L2 distance; empty: the call's threshold
 * @param minPoints faces within eps of a face, itself included, that make it a core face (Ester et al.'s MinPts)
 * @param graph     above {@code exact-limit} faces, region queries are the {@code neighbours} nearest within
 *                  eps (at least min-points − 1 of them): approximate
 */
record DbscanConfig(OptionalDouble eps, int minPoints, GraphSettings graph) {

    static final int MAX_MIN_POINTS = GraphSettings.MAX_NEIGHBOURS + 1;

    DbscanConfig {
        GraphSettings.requireDistance(DbscanClusterer.NAME, "eps", eps);
        Objects.requireNonNull(graph, "graph");
        if (minPoints < 1 || minPoints > MAX_MIN_POINTS) {
            throw new ConfigurationException("clusterer " + DbscanClusterer.NAME + ": min-points must be in [1, "
                    + MAX_MIN_POINTS + "], got " + minPoints);
        }
    }

    static DbscanConfig from(Map<String, ?> properties) {
        Settings settings = Settings.forPlugin(PluginKind.of(Clusterer.class), DbscanClusterer.NAME, properties);
        OptionalDouble eps = GraphSettings.distance(settings, "eps");
        int minPoints = settings.getInt("min-points", 3);
        GraphSettings graph = GraphSettings.from(DbscanClusterer.NAME, settings, 32);
        settings.refuseUnknownKeys();
        return new DbscanConfig(eps, minPoints, graph);
    }
}
