package io.github.facenet4j.training;

import io.github.facenet4j.api.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When the trainer calls a run collapsed. FaceNet warns that the hardest negatives can
 * lead to "a collapsed model (i.e. f(x) = 0)" (§3.2); on the unit sphere that shows as all
 * embeddings drawing to one point, where every triplet's hinge is α and every triplet is
 * active. Two signals:
 * <ul>
 *   <li><b>spread</b>: the mean squared distance between embeddings of different images
 *       (the held-out set at each validation; the training batch when there is none) stays
 *       below {@code minSpread} for {@code validations} validations in a row. Spread-out unit
 *       vectors have a mean of about 2;</li>
 *   <li><b>active fraction</b>: the fraction of mined triplets with a positive hinge stays
 *       within {@code activeTolerance} of 1, or of 0, for {@code activeSteps} steps in a row.
 *       Stuck at 1 goes with collapse; stuck at 0 with a run that no longer learns. Note that
 *       semi-hard mining without fallback mines only active triplets, so there a fraction of 1
 *       is normal: raise {@code activeSteps} or set it to 0 (off).</li>
 * </ul>
 * Each signal is reported once per episode as a {@link TrainingEvent}; with {@code stop}
 * the run also ends there.
 *
 * @param minSpread       spread threshold, ≥ 0 (0 switches the spread signal off)
 * @param validations     validations in a row below it, ≥ 1
 * @param activeSteps     steps in a row with a stuck active fraction, ≥ 0 (0 = off)
 * @param activeTolerance distance from 0 or 1 that counts as stuck, in [0, 0.5)
 * @param stop            end the run when a signal fires
 */
public record CollapseDetection(double minSpread, int validations, long activeSteps, double activeTolerance,
                                boolean stop) {

    public CollapseDetection {
        if (!(minSpread >= 0) || !Double.isFinite(minSpread)) {
            throw new ConfigurationException("Collapse spread threshold must be a finite number ≥ 0, got " + minSpread);
        }
        if (validations < 1) {
            throw new ConfigurationException("Collapse patience must be ≥ 1 validation, got " + validations);
        }
        if (activeSteps < 0) {
            throw new ConfigurationException("Active-fraction patience must be ≥ 0 steps, got " + activeSteps);
        }
        if (!(activeTolerance >= 0 && activeTolerance < 0.5)) {
            throw new ConfigurationException("Active-fraction tolerance must be in [0, 0.5), got " + activeTolerance);
        }
    }

    /** Spread below 0.05 for 3 validations; active fraction within 0.001 of 0 or 1 for 1,000 steps; warn only. */
    public static CollapseDetection defaults() {
        return new CollapseDetection(0.05, 3, 1000, 0.001, false);
    }

    /** The same detection, stopping the run when it fires. */
    public CollapseDetection stopping() {
        return new CollapseDetection(minSpread, validations, activeSteps, activeTolerance, true);
    }

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min_spread", minSpread);
        m.put("validations", validations);
        m.put("active_steps", activeSteps);
        m.put("active_tolerance", activeTolerance);
        m.put("stop", stop);
        return m;
    }
}
