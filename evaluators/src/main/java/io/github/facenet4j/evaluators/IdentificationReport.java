package io.github.facenet4j.evaluators;

import io.github.facenet4j.api.EvaluationInput.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@code identification} evaluator measured for probes searched in a gallery
 * (FaceNet's recognition task, §1): the closed-set cumulative match characteristic over
 * probes whose identity is enrolled, and the open-set detection-and-identification rate
 * at a false-alarm rate over probes whose identity is not enrolled.
 *
 * <p>A probe's rank is 1 + the number of other enrolled identities whose nearest gallery
 * embedding is at most as far as the nearest embedding of its own identity: ties count
 * against the probe.
 *
 * @param metric      the distance used
 * @param cmc         {@code cmc[r-1]} = fraction of mated probes with rank ≤ r
 * @param probesMated probes whose identity is in the gallery
 * @param probesNonMated probes whose identity is not in the gallery
 * @param farTarget   false-alarm rate for the open-set figure
 * @param dir         DIR at {@code farTarget}: fraction of mated probes that are rank 1 and
 *                    within the threshold; NaN without non-mated probes
 * @param threshold   the largest mated rank-1 distance at which at most
 *                    ⌊farTarget · non-mated⌋ non-mated probes fall within it; NaN without
 *                    non-mated probes
 * @param far         false-alarm rate at {@code threshold}
 * @param identities  identities enrolled in the gallery
 */
public record IdentificationReport(Metric metric, double[] cmc, int probesMated, int probesNonMated,
                                   double farTarget, double dir, double threshold, double far, int identities) {

    public IdentificationReport {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(cmc, "cmc");
    }

    /** Fraction of mated probes whose identity ranks within the first {@code rank}. */
    public double rank(int rank) {
        return cmc[Math.min(rank, cmc.length) - 1];
    }

    /** Figures under JSON keys: {@code rank1}, {@code rank5}, {@code cmc}, open-set figures, counts. */
    public Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rank1", rank(1));
        m.put("rank5", rank(5));
        List<Double> curve = new ArrayList<>();
        for (double c : cmc) {
            curve.add(c);
        }
        m.put("cmc", List.copyOf(curve));
        m.put("far_target", farTarget);
        m.put("dir", dir);
        m.put("threshold", threshold);
        m.put("far", far);
        m.put("probes_mated", probesMated);
        m.put("probes_non_mated", probesNonMated);
        m.put("identities", identities);
        m.put("metric", metric.label());
        return m;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "rank-1 %.4f, rank-5 %.4f over %d mated probes; DIR %.4f at FAR %.2e"
                + " over %d non-mated probes", rank(1), rank(5), probesMated, dir, far, probesNonMated);
    }
}
