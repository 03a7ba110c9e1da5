package io.github.facenet4j.evaluators.internal;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EvaluationInput.Metric;
import io.github.facenet4j.api.EvaluationInput.Options;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import java.util.Map;

/**
 * Configuration of the {@code identification} evaluator (PID {@code facenet.evaluator.identification}).
 *
 * @param farTarget false-alarm rate of the open-set DIR figure, in (0, 1)
 * @param ranks     length of the CMC curve, 1 … 1000
 * @param metric    distance between embeddings
 */
public record IdentificationConfig(double farTarget, int ranks, Metric metric) {

    public static final String FAR = "far";
    public static final String RANKS = "ranks";
    public static final String METRIC = "metric";

    public IdentificationConfig {
        if (!(farTarget > 0 && farTarget < 1)) {
            throw new ConfigurationException("evaluator identification: far must be in (0, 1), got " + farTarget);
        }
        if (ranks < 1 || ranks > 1000) {
            throw new ConfigurationException("evaluator identification: ranks must be in 1 … 1000, got " + ranks);
        }
        if (metric == null) {
            throw new ConfigurationException("evaluator identification: metric must be l2sq or cosine, got null");
        }
    }

    /** FAR 10⁻², CMC to rank 10, squared L2. */
    public static IdentificationConfig defaults() {
        return new IdentificationConfig(1e-2, 10, Metric.L2SQ);
    }

    /** Reads {@value #FAR}, {@value #RANKS} and {@value #METRIC}. */
    public static IdentificationConfig from(Map<String, ?> properties) {
        Settings settings = Settings.forPlugin(PluginKind.EVALUATOR, IdentificationEvaluator.NAME, properties);
        IdentificationConfig d = defaults();
        double far = settings.getDouble(FAR, d.farTarget());
        int ranks = settings.getInt(RANKS, d.ranks());
        Metric metric = settings.getChoice(METRIC, Metric.class, d.metric());
        settings.refuseUnknownKeys();
        return new IdentificationConfig(far, ranks, metric);
    }

    /** This configuration with the per-call FAR and metric in {@code options} taking precedence. */
    public IdentificationConfig with(Options options) {
        return new IdentificationConfig(options.farTarget().orElse(farTarget), ranks, options.metric().orElse(metric));
    }
}
