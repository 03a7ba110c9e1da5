package io.github.facenet4j.evaluators;

import io.github.facenet4j.api.EvaluationInput.Metric;
import io.github.facenet4j.api.VerificationFigures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the {@code verification} evaluator measured: VAL at a target FAR with the
 * threshold that achieves it (FaceNet §4), the ROC, its area, the equal error rate and the
 * k-fold accuracy of the LFW protocol (threshold chosen on k − 1 folds, accuracy measured on
 * the remaining one).
 *
 * <p>Its VAL, FAR, threshold and target FAR are also {@link VerificationFigures}, which the
 * trainer's validation reads without knowing this evaluator.
 *
 * <p>A pair is accepted when its distance is ≤ the threshold, so pairs at equal distance
 * are always accepted or rejected together. A threshold of {@code -Infinity} accepts
 * nothing.
 *
 * @param metric          the distance used
 * @param farTarget       the FAR the threshold was calibrated for
 * @param threshold       the largest same-pair distance whose FAR is ≤ {@code farTarget}
 * @param val             VAL at {@code threshold}
 * @param far             FAR at {@code threshold} (≤ {@code farTarget})
 * @param auc             area under the ROC; pairs tied across classes count one half
 * @param eer             equal error rate: where the ROC crosses FAR = 1 − VAL
 * @param accuracyMean    mean accuracy over the folds
 * @param accuracyStd     standard deviation of the fold accuracies (population, as LFW reports)
 * @param foldThresholds  the threshold chosen on the other folds, per fold
 * @param foldAccuracies  accuracy on each fold at its threshold
 * @param pairsSame       number of same-identity pairs |P_same|
 * @param pairsDiff       number of different-identity pairs |P_diff|
 * @param valAtFar        VAL at standard FARs (10⁻⁶ … 10⁻¹) and at the target
 * @param roc             the exact ROC at every same-pair distance
 * @param histogram       distances of same and different pairs, binned
 */
public record VerificationReport(Metric metric, double farTarget, double threshold, double val, double far,
                                 double auc, double eer, double accuracyMean, double accuracyStd,
                                 double[] foldThresholds, double[] foldAccuracies, long pairsSame, long pairsDiff,
                                 List<OperatingPoint> valAtFar, Roc roc, Histogram histogram)
        implements VerificationFigures {

    public VerificationReport {
        Objects.requireNonNull(metric, "metric");
        valAtFar = List.copyOf(valAtFar);
        Objects.requireNonNull(roc, "roc");
        Objects.requireNonNull(histogram, "histogram");
    }

    /**
     * The figures under the JSON keys the CLI prints: {@code far_target}, {@code threshold},
     * {@code val}, {@code far}, {@code auc}, {@code eer}, {@code accuracy_mean},
     * {@code accuracy_std}, {@code fold_thresholds}, {@code pairs_same}, {@code pairs_diff},
     * then {@code metric} and {@code fold_accuracies}.
     */
    public Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("far_target", farTarget);
        m.put("threshold", threshold);
        m.put("val", val);
        m.put("far", far);
        m.put("auc", auc);
        m.put("eer", eer);
        m.put("accuracy_mean", accuracyMean);
        m.put("accuracy_std", accuracyStd);
        m.put("fold_thresholds", boxed(foldThresholds));
        m.put("pairs_same", pairsSame);
        m.put("pairs_diff", pairsDiff);
        m.put("metric", metric.label());
        m.put("fold_accuracies", boxed(foldAccuracies));
        return m;
    }

    private static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return List.copyOf(list);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "VAL %.4f at FAR %.2e (target %.0e, %s threshold %.4f), AUC %.4f, EER %.4f, accuracy %.4f ± %.4f"
                        + " over %d folds, %d same / %d different pairs",
                val, far, farTarget, metric.label(), threshold, auc, eer, accuracyMean, accuracyStd,
                foldThresholds.length, pairsSame, pairsDiff);
    }

    /**
     * VAL at a FAR target.
     *
     * @param farTarget the target
     * @param threshold the largest same-pair distance with FAR ≤ target
     * @param val       VAL there
     * @param far       FAR there
     */
    public record OperatingPoint(double farTarget, double threshold, double val, double far) {
    }

    /**
     * The ROC at each distinct same-pair distance t (accept ≤ t), ascending: only there does
     * VAL rise, so these corners are every point not dominated by another.
     *
     * @param threshold the distances
     * @param far       FAR at each
     * @param val       VAL at each
     */
    public record Roc(double[] threshold, double[] far, double[] val) {
        public Roc {
            if (far.length != threshold.length || val.length != threshold.length) {
                throw new IllegalArgumentException("ROC arrays differ in length");
            }
        }

        public int size() {
            return threshold.length;
        }
    }

    /**
     * Counts of same and different pairs in equal-width distance bins over [0, upper).
     *
     * @param upper upper end of the last bin
     * @param same  same-identity pairs per bin
     * @param diff  different-identity pairs per bin
     */
    public record Histogram(double upper, long[] same, long[] diff) {
        public Histogram {
            if (same.length != diff.length || same.length == 0 || !(upper > 0)) {
                throw new IllegalArgumentException("Histogram needs equal non-empty bins and upper > 0");
            }
        }

        public int bins() {
            return same.length;
        }

        /** Lower edge of bin {@code b}. */
        public double lower(int b) {
            return upper * b / same.length;
        }
    }
}
