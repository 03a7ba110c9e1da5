package io.github.facenet4j.gallery.internal;

import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import io.github.facenet4j.gallery.Clusterer;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The {@code agglomerative} clusterer's settings (PID {@code facenet.clusterer.agglomerative}).
 *
 * @param linkage   how the distance of two clusters follows from their members' ({@code average}, {@code complete})
 * @param threshold the largest cluster distance that still merges; empty: the call's (the model card's)
 */
record AgglomerativeConfig(Linkage linkage, OptionalDouble threshold) {

    /** The Lance–Williams update of the distance from a merged cluster i ∪ j to k. */
    enum Linkage {
        /** The mean of all pairwise distances (UPGMA): (|i|·d(i,k) + |j|·d(j,k)) / (|i| + |j|). */
        AVERAGE,
        /** The largest pairwise distance: max(d(i,k), d(j,k)). */
        COMPLETE
    }

    AgglomerativeConfig {
        Objects.requireNonNull(linkage, "linkage");
        GraphSettings.requireDistance(AgglomerativeClusterer.NAME, "threshold", threshold);
    }

    static AgglomerativeConfig from(Map<String, ?> properties) {
        Settings settings = Settings.forPlugin(PluginKind.of(Clusterer.class), AgglomerativeClusterer.NAME, properties);
        Linkage linkage = settings.getChoice("linkage", Linkage.class, Linkage.AVERAGE);
        OptionalDouble threshold = GraphSettings.distance(settings, "threshold");
        settings.refuseUnknownKeys();
        return new AgglomerativeConfig(linkage, threshold);
    }
}
