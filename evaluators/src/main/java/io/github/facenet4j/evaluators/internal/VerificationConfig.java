package io.github.facenet4j.evaluators.internal;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EvaluationInput.Metric;
import io.github.facenet4j.api.EvaluationInput.Options;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import java.util.Map;

/**
 * Configuration of the {@code verification} evaluator (PID {@code facenet.evaluator.verification}).
 *
 * @param farTarget FAR at which VAL and the threshold are reported, in (0, 1); FaceNet
 *                  reports VAL at 10⁻³ (§5)
 * @param folds     folds of the cross-validated accuracy when pairs bring none, 2 … 255
 *                  (LFW: 10)
 * @param metric    distance between embeddings
 */
public record VerificationConfig(double farTarget, int folds, Metric metric) {

    public static final String FAR = "far";
    public static final String FOLDS = "folds";
    public static final String METRIC = "metric";

    public VerificationConfig {
        if (!(farTarget > 0 && farTarget < 1)) {
            throw new ConfigurationException("evaluator verification: far must be in (0, 1), got " + farTarget);
        }
        if (folds < 2 || folds > 255) {
            throw new ConfigurationException("evaluator verification: folds must be in 2 … 255, got " + folds);
        }
        if (metric == null) {
            throw new ConfigurationException("evaluator verification: metric must be l2sq or cosine, got null");
        }
    }

    /** FAR 10⁻³, 10 folds, squared L2. */
    public static VerificationConfig defaults() {
        return new VerificationConfig(1e-3, 10, Metric.L2SQ);
    }

    /** Reads {@value #FAR}, {@value #FOLDS} and {@value #METRIC} ({@code l2sq} or {@code cosine}). */
    public static VerificationConfig from(Map<String, ?> properties) {
        Settings settings = Settings.forPlugin(PluginKind.EVALUATOR, VerificationEvaluator.NAME, properties);
        VerificationConfig d = defaults();
        double far = settings.getDouble(FAR, d.farTarget());
        int folds = settings.getInt(FOLDS, d.folds());
        Metric metric = settings.getChoice(METRIC, Metric.class, d.metric());
        settings.refuseUnknownKeys();
        return new VerificationConfig(far, folds, metric);
    }

    /** This configuration with the per-call choices in {@code options} taking precedence. */
    public VerificationConfig with(Options options) {
        return new VerificationConfig(options.farTarget().orElse(farTarget), options.folds().orElse(folds),
                options.metric().orElse(metric));
    }
}
