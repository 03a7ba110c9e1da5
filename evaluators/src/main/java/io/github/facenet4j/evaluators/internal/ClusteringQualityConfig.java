package io.github.facenet4j.evaluators.internal;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import java.util.Map;

/**
 * Configuration of the {@code clustering-quality} evaluator
 * (PID {@code facenet.evaluator.clustering-quality}).
 *
 * @param beta weight of recall in the F-scores (F_β; 1 gives the usual F1), in (0, 100]
 */
public record ClusteringQualityConfig(double beta) {

    public static final String BETA = "beta";

    public ClusteringQualityConfig {
        if (!(beta > 0 && beta <= 100)) {
            throw new ConfigurationException("evaluator clustering-quality: beta must be in (0, 100], got " + beta);
        }
    }

    /** F1. */
    public static ClusteringQualityConfig defaults() {
        return new ClusteringQualityConfig(1.0);
    }

    /** Reads {@value #BETA}. */
    public static ClusteringQualityConfig from(Map<String, ?> properties) {
        Settings settings = Settings.forPlugin(PluginKind.EVALUATOR, ClusteringQualityEvaluator.NAME, properties);
        double beta = settings.getDouble(BETA, defaults().beta());
        settings.refuseUnknownKeys();
        return new ClusteringQualityConfig(beta);
    }
}
