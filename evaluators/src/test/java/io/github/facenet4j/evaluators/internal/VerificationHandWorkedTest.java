package io.github.facenet4j.evaluators.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.EvaluationInput;
import io.github.facenet4j.api.EvaluationInput.Options;
import io.github.facenet4j.evaluators.VerificationReport;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Eight pairs counted on paper. Same-pair distances 1, 4, 9, 16; different-pair distances
 * 4, 16, 25, 36 (two ties with same pairs). Accept d ≤ t.
 *
 * <pre>
 *   t      TA  FA   VAL   FAR   accuracy (TA + 4 − FA)/8
 *   −∞      0   0   0     0     4/8
 *   1       1   0   .25   0     5/8
 *   4       2   1   .50   .25   5/8
 *   9       3   1   .75   .25   6/8   ← best, smallest of the ties
 *   16      4   2   1     .50   6/8
 * </pre>
 * VAL at FAR ≤ .25 (at most ⌊.25·4⌋ = 1 false accept): t = 9, VAL .75, FAR .25.
 * VAL at FAR ≤ .1 (no false accept): t = 1, VAL .25, FAR 0.
 * AUC, counting each (same, diff) with s &lt; d as 1 and s = d as ½:
 * s=1: 4; s=4: ½+3; s=9: 3; s=16: ½+2 → 13/16.
 * EER: at t = 9 FAR = .25 and FRR = 1 − .75 = .25, so .25.
 *
 * <p>Two folds: fold 0 = same {1, 9}, diff {4, 25}; fold 1 = same {4, 16}, diff {16, 36}.
 * Testing fold 0, train on fold 1: TA−FA at 1, 4, 9, 16 is 0, 1, 1, 1 → t = 4; on fold 0
 * TA = 1 (1), FA = 1 (4) → accuracy (1 + 1)/4 = .5. Testing fold 1, train on fold 0:
 * TA−FA is 1, 0, 1, 1 → t = 1; on fold 1 TA = 0, FA = 0 → (0 + 2)/4 = .5. Mean .5, std 0.
 */
class VerificationHandWorkedTest {

    private static final boolean[] SAME = {true, true, true, true, false, false, false, false};
    private static final int[] FOLDS = {0, 1, 0, 1, 0, 1, 0, 1};
    private static final float[] X = {1, 2, 3, 4, 2, 4, 5, 6};

    private VerificationReport evaluate(double far) {
        EvaluationInput input = EvaluationInput.of(Fixtures.lineBatch(X))
                .withPairs(Fixtures.linePairs(SAME, FOLDS))
                .withOptions(new Options(OptionalDouble.of(far), OptionalInt.empty(), Optional.empty()));
        return new VerificationEvaluator(VerificationConfig.defaults()).evaluate(input)
                .details(VerificationReport.class).orElseThrow();
    }

    @Test
    void findsValAtFarQuarter() {
        VerificationReport r = evaluate(0.25);
        assertThat(r.threshold()).isEqualTo(9.0);
        assertThat(r.val()).isEqualTo(0.75);
        assertThat(r.far()).isEqualTo(0.25);
        assertThat(r.pairsSame()).isEqualTo(4);
        assertThat(r.pairsDiff()).isEqualTo(4);
    }

    @Test
    void findsValAtFarBelowOneFalseAccept() {
        VerificationReport r = evaluate(0.1);
        assertThat(r.threshold()).isEqualTo(1.0);
        assertThat(r.val()).isEqualTo(0.25);
        assertThat(r.far()).isZero();
    }

    @Test
    void countsTiesAsHalfInAuc() {
        assertThat(evaluate(0.1).auc()).isEqualTo(13.0 / 16);
    }

    @Test
    void findsEqualErrorRate() {
        assertThat(evaluate(0.1).eer()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void choosesFoldThresholdsOnTheOtherFolds() {
        VerificationReport r = evaluate(0.1);
        assertThat(r.foldThresholds()).containsExactly(4.0, 1.0);
        assertThat(r.foldAccuracies()).containsExactly(0.5, 0.5);
        assertThat(r.accuracyMean()).isEqualTo(0.5);
        assertThat(r.accuracyStd()).isZero();
    }

    @Test
    void listsRocCornersAtSamePairDistances() {
        VerificationReport.Roc roc = evaluate(0.1).roc();
        assertThat(roc.threshold()).containsExactly(1, 4, 9, 16);
        assertThat(roc.far()).containsExactly(0, 0.25, 0.25, 0.5);
        assertThat(roc.val()).containsExactly(0.25, 0.5, 0.75, 1);
    }

    @Test
    void reportsJsonKeysOfTheIssue() {
        var metrics = new VerificationEvaluator(VerificationConfig.defaults()).evaluate(
                EvaluationInput.of(Fixtures.lineBatch(X)).withPairs(Fixtures.linePairs(SAME, FOLDS))).metrics();
        assertThat(metrics).containsKeys("far_target", "threshold", "val", "far", "auc", "eer", "accuracy_mean",
                "accuracy_std", "fold_thresholds", "pairs_same", "pairs_diff");
        assertThat(metrics.get("far_target")).isEqualTo(1e-3);
    }

    @Test
    void cosineHalvesSquaredDistanceOfUnitVectors() {
        // Unit vectors at 0°, 90°, 180°: cosine distances 1 and 2, squared L2 2 and 4.
        var batch = new io.github.facenet4j.api.EmbeddingBatch(
                new float[][] {{1, 0}, {0, 3}, {-2, 0}}, new int[] {0, 0, 1});
        EvaluationInput input = EvaluationInput.of(batch)
                .withPairs(new EvaluationInput.Pairs(new int[] {0, 0, 1}, new int[] {1, 2, 2},
                        new boolean[] {true, false, false}, new int[] {0, 1, 0}))
                .withOptions(new Options(OptionalDouble.empty(), OptionalInt.empty(),
                        Optional.of(EvaluationInput.Metric.COSINE)));
        VerificationReport r = new VerificationEvaluator(VerificationConfig.defaults()).evaluate(input)
                .details(VerificationReport.class).orElseThrow();
        // Same pair (0, 1): 1 − cos 90° = 1. Different pairs: (0, 2) → 2, (1, 2) → 1 (a tie).
        assertThat(r.roc().threshold()).containsExactly(1.0);
        assertThat(r.roc().far()).containsExactly(0.5);
        assertThat(r.auc()).isEqualTo(0.75);
    }
}
