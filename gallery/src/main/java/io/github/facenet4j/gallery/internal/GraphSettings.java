package io.github.facenet4j.gallery.internal;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Settings;
import io.github.facenet4j.gallery.KnnGraph;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How a graph-based clusterer finds neighbours: the {@code neighbours} nearest of every face,
 * exactly up to {@code exact-limit} faces and from Lucene's HNSW graph (seeded with
 * {@code seed}) above.
 *
 * @param plugin     the clusterer's name, for messages
 * @param neighbours k, the neighbours listed per face
 * @param exactLimit the most faces for which the k-NN graph is computed exactly
 * @param seed       seed of the HNSW level draws (and of the clusterer's own random order, if any)
 */
record GraphSettings(String plugin, int neighbours, int exactLimit, long seed) {

    /** Most neighbours per face: n·k ints and floats, 400 MB at 100,000 faces. */
    static final int MAX_NEIGHBOURS = 512;
    /** Exact k-NN graphs up to this many faces by default (a few seconds on 2 cores for 128-d). */
    static final int DEFAULT_EXACT_LIMIT = 20_000;

    GraphSettings {
        Objects.requireNonNull(plugin, "plugin");
        if (neighbours < 1 || neighbours > MAX_NEIGHBOURS) {
            throw new ConfigurationException("clusterer " + plugin + ": neighbours must be in [1, " + MAX_NEIGHBOURS
                    + "], got " + neighbours);
        }
        if (exactLimit < 0) {
            throw new ConfigurationException("clusterer " + plugin + ": exact-limit must be ≥ 0, got " + exactLimit);
        }
    }

    /** Reads {@code neighbours}, {@code exact-limit} and {@code seed} from {@code settings}. */
    static GraphSettings from(String plugin, Settings settings, int defaultNeighbours) {
        return new GraphSettings(plugin, settings.getInt("neighbours", defaultNeighbours),
                settings.getInt("exact-limit", DEFAULT_EXACT_LIMIT), settings.getLong("seed", 1));
    }

    /** The k-NN graph of {@code embeddings} with at least {@code k} neighbours per face (or all others). */
    KnnGraph graph(float[][] embeddings, int k) {
        return KnnGraph.of(embeddings, Math.max(k, neighbours), exactLimit, seed);
    }

    /** A threshold or eps read from {@code key}: empty when absent. */
    static OptionalDouble distance(Settings settings, String key) {
        double value = settings.getDouble(key, Double.NaN);
        return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** Refuses a configured distance that is not a finite number ≥ 0. */
    static void requireDistance(String plugin, String key, OptionalDouble value) {
        Objects.requireNonNull(value, key);
        if (value.isPresent() && !(value.getAsDouble() >= 0 && Double.isFinite(value.getAsDouble()))) {
            throw new ConfigurationException("clusterer " + plugin + ": " + key
                    + " must be a finite squared L2 distance ≥ 0, got " + value.getAsDouble());
        }
    }
}
