package com.example.facenet.decidability;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.EvaluationInput;
import io.github.facenet4j.api.EvaluationInput.Metric;
import io.github.facenet4j.api.EvaluationResult;
import io.github.facenet4j.api.Evaluator;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import io.github.facenet4j.api.math.Vectors;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Daugman's decidability index d′ = |μ_diff − μ_same| / √((σ²_same + σ²_diff) / 2): how far
 * apart the distance distributions of same-identity and different-identity pairs lie, in
 * units of their pooled spread. Pairs are the input's explicit pairs, or else all pairs of
 * the labelled embeddings; σ is the population standard deviation.
 */
@Component(service = Evaluator.class, configurationPid = "facenet.evaluator." + DecidabilityEvaluator.NAME,
        property = Plugin.NAME_PROPERTY + "=" + DecidabilityEvaluator.NAME)
public final class DecidabilityEvaluator implements Evaluator {

    public static final String NAME = "decidability";

    /** Configuration (conf/facenet.evaluator.decidability.cfg): {@code metric = l2sq|cosine}. */
    public record Config(Metric metric) {
        public Config {
            if (metric == null) {
                throw new ConfigurationException("evaluator " + NAME + ": metric must be l2sq or cosine");
            }
        }

        static Config from(Map<String, ?> properties) {
            Settings settings = Settings.forPlugin(PluginKind.EVALUATOR, NAME, properties);
            Metric metric = settings.getChoice("metric", Metric.class, Metric.L2SQ);
            settings.refuseUnknownKeys(); // a misspelt key in the .cfg is an error, not silence
            return new Config(metric);
        }
    }

    private final Config config;

    public DecidabilityEvaluator(Config config) {
        this.config = config;
    }

    @Activate
    public DecidabilityEvaluator(Map<String, Object> properties) {
        this(Config.from(properties));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EvaluationResult evaluate(EvaluationInput input) {
        Metric metric = input.options().metric().orElse(config.metric());
        EmbeddingBatch batch = input.embeddings();
        Moments same = new Moments();
        Moments diff = new Moments();
        if (input.pairs().isPresent()) {
            EvaluationInput.Pairs pairs = input.pairs().get();
            for (int p = 0; p < pairs.size(); p++) {
                double d = distance(batch, pairs.first()[p], pairs.second()[p], metric);
                (pairs.same()[p] ? same : diff).add(d);
            }
        } else {
            for (int i = 0; i < batch.size(); i++) {
                for (int j = i + 1; j < batch.size(); j++) {
                    (batch.labels()[i] == batch.labels()[j] ? same : diff).add(distance(batch, i, j, metric));
                }
            }
        }
        if (same.count == 0 || diff.count == 0) {
            throw new BadInputException("Decidability needs same-identity and different-identity pairs: got "
                    + same.count + " same and " + diff.count + " different.");
        }
        double spread = Math.sqrt((same.variance() + diff.variance()) / 2);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("decidability", Math.abs(diff.mean - same.mean) / spread); // +∞ when both spreads are 0
        metrics.put("mean_same", same.mean);
        metrics.put("mean_different", diff.mean);
        metrics.put("std_same", Math.sqrt(same.variance()));
        metrics.put("std_different", Math.sqrt(diff.variance()));
        metrics.put("same_pairs", same.count);
        metrics.put("different_pairs", diff.count);
        metrics.put("metric", metric.label());
        return new EvaluationResult(NAME, metrics);
    }

    private static double distance(EmbeddingBatch batch, int i, int j, Metric metric) {
        float[] a = batch.embeddings()[i];
        float[] b = batch.embeddings()[j];
        return metric == Metric.L2SQ ? Vectors.squaredDistance(a, b)
                : 1 - Vectors.dot(a, b) / Math.sqrt(Vectors.dot(a, a) * Vectors.dot(b, b));
    }

    /** Count, mean and sum of squared deviations, updated one value at a time (Welford). */
    private static final class Moments {
        long count;
        double mean;
        double squares;

        void add(double x) {
            count++;
            double delta = x - mean;
            mean += delta / count;
            squares += delta * (x - mean);
        }

        double variance() {
            return squares / count;
        }
    }
}
