package io.github.facenet4j.evaluators.internal;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.EvaluationInput;
import io.github.facenet4j.api.EvaluationResult;
import io.github.facenet4j.api.Evaluator;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.evaluators.ClusteringReport;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Compares a predicted clustering with the true identities (FaceNet §5.8 clusters a photo
 * collection by embedding distance). All figures come from the contingency table
 * n_kl = items in cluster k with identity l, in O(n) time: pairwise counts use
 * C(n_kl, 2), BCubed uses Σ n_kl² / a_k and Σ n_kl² / b_l, NMI the entropies of a, b and n.
 * See {@link ClusteringReport} for the definitions and the 0/0 convention.
 */
@Component(service = Evaluator.class, configurationPid = "facenet.evaluator." + ClusteringQualityEvaluator.NAME,
        property = Plugin.NAME_PROPERTY + "=" + ClusteringQualityEvaluator.NAME)
public final class ClusteringQualityEvaluator implements Evaluator {

    public static final String NAME = "clustering-quality";

    private final ClusteringQualityConfig config;

    public ClusteringQualityEvaluator(ClusteringQualityConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Activate
    public ClusteringQualityEvaluator(Map<String, Object> properties) {
        this(ClusteringQualityConfig.from(properties));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EvaluationResult evaluate(EvaluationInput input) {
        int[] clusters = input.clusters().orElseThrow(() -> new BadInputException(
                "Clustering quality needs a predicted cluster for each embedding; none were given."));
        ClusteringReport report = score(clusters, input.embeddings().labels(), config.beta());
        return new EvaluationResult(NAME, report.metrics(), report);
    }

    static ClusteringReport score(int[] clusters, int[] labels, double beta) {
        int n = labels.length;
        Map<Integer, Long> clusterSizes = new HashMap<>();
        Map<Integer, Long> labelSizes = new HashMap<>();
        Map<Long, Long> cells = new HashMap<>();
        for (int i = 0; i < n; i++) {
            clusterSizes.merge(clusters[i], 1L, Long::sum);
            labelSizes.merge(labels[i], 1L, Long::sum);
            cells.merge(((long) clusters[i] << 32) | (labels[i] & 0xFFFFFFFFL), 1L, Long::sum);
        }
        double togetherSame = 0;
        double bcubedP = 0;
        double bcubedR = 0;
        double mutual = 0;
        for (Map.Entry<Long, Long> cell : cells.entrySet()) {
            double nkl = cell.getValue();
            long a = clusterSizes.get((int) (cell.getKey() >> 32));
            long b = labelSizes.get((int) (long) cell.getKey());
            togetherSame += pairs(nkl);
            bcubedP += nkl * nkl / a;
            bcubedR += nkl * nkl / b;
            mutual += nkl / n * Math.log(nkl * n / ((double) a * b));
        }
        double together = clusterSizes.values().stream().mapToDouble(ClusteringQualityEvaluator::pairs).sum();
        double same = labelSizes.values().stream().mapToDouble(ClusteringQualityEvaluator::pairs).sum();
        double precision = together == 0 ? 1 : togetherSame / together;
        double recall = same == 0 ? 1 : togetherSame / same;
        double hClusters = entropy(clusterSizes, n);
        double hLabels = entropy(labelSizes, n);
        double meanEntropy = (hClusters + hLabels) / 2;
        double nmi = meanEntropy == 0 ? 1 : Math.max(0, Math.min(1, mutual / meanEntropy));
        return new ClusteringReport(precision, recall, f(precision, recall, beta), bcubedP / n, bcubedR / n,
                f(bcubedP / n, bcubedR / n, beta), nmi, clusterSizes.size(), labelSizes.size(), n);
    }

    private static double pairs(double count) {
        return count * (count - 1) / 2;
    }

    private static double entropy(Map<Integer, Long> sizes, int n) {
        double h = 0;
        for (long size : sizes.values()) {
            double p = (double) size / n;
            h -= p * Math.log(p);
        }
        return h;
    }

    private static double f(double precision, double recall, double beta) {
        double b2 = beta * beta;
        double denominator = b2 * precision + recall;
        return denominator == 0 ? 0 : (1 + b2) * precision * recall / denominator;
    }
}
