package io.github.facenet4j.gallery;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.PluginKind;
import java.util.OptionalDouble;

/**
 * A clustering algorithm as a plugin (kind {@code clusterer}): groups embeddings by person on
 * squared L2 distance (FaceNet §5.8), chosen by name with {@code --algorithm NAME} and
 * configured by {@code conf/facenet.clusterer.NAME.cfg}. The built-in ones are
 * {@code agglomerative}, {@code chinese-whispers} and {@code dbscan}.
 */
@PluginKind.Label("clusterer")
public interface Clusterer extends Plugin {

    /**
     * Clusters the rows of {@code embeddings} (all of one dimension).
     *
     * @param threshold the distance at which two faces are one person for this call
     * @return a cluster per row, 0 the largest
     * @throws io.github.facenet4j.api.BadInputException when the rows differ in dimension or there
     *         are more than the algorithm can hold
     */
    Clusters cluster(float[][] embeddings, Threshold threshold);

    /**
     * The squared L2 distance a call clusters at, and whether it wins over a threshold (or
     * {@code eps}) set in the plugin's configuration.
     *
     * @param value     a finite squared L2 distance ≥ 0
     * @param overrides {@code true} for one the user asked for ({@code --threshold}), which wins;
     *                  {@code false} for the model card's, which a configured value replaces
     */
    record Threshold(double value, boolean overrides) {

        public Threshold {
            if (!(value >= 0) || !Double.isFinite(value)) {
                throw new ConfigurationException("Clustering threshold must be a finite number ≥ 0, got " + value);
            }
        }

        /** The model card's threshold: a threshold in the clusterer's configuration replaces it. */
        public static Threshold modelDefault(double value) {
            return new Threshold(value, false);
        }

        /** A threshold the user gave: it replaces the configured one. */
        public static Threshold given(double value) {
            return new Threshold(value, true);
        }

        /** The distance to use when the configuration says {@code configured} (empty: not set). */
        public double resolve(OptionalDouble configured) {
            return overrides || configured.isEmpty() ? value : configured.getAsDouble();
        }
    }
}
