package io.github.facenet4j.evaluators.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.EvaluationInput;
import io.github.facenet4j.api.EvaluationInput.Options;
import io.github.facenet4j.evaluators.IdentificationReport;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Gallery on a line: A at 0, B at 10, C at 20 (squared distances). Mated probes: A at 1
 * (A 1, B 81 → rank 1, d = 1); B at 16 (C 16, B 36 → rank 2); C at 5 (A 25, B 25, C 225 →
 * rank 3). Non-mated probes: at 9 (nearest B, 1) and at 30 (nearest C, 100).
 * CMC: 1/3, 2/3, 1. Open set, FAR .5: at most ⌊.5·2⌋ = 1 alarm, so thresholds below the
 * second alarm (100) are allowed; the one rank-1 mated distance (1) is below: DIR 1/3 at
 * threshold 1, where the alarm at 1 rings: FAR 1/2. FAR .4: no alarm allowed, thresholds
 * below 1: nothing is detected.
 */
class IdentificationEvaluatorTest {

    private static final EmbeddingBatch GALLERY = new EmbeddingBatch(
            new float[][] {{0}, {10}, {20}}, new int[] {0, 1, 2});
    private static final EmbeddingBatch PROBES = new EmbeddingBatch(
            new float[][] {{1}, {16}, {5}, {9}, {30}}, new int[] {0, 1, 2, 7, 8});

    private static IdentificationReport evaluate(double far) {
        return new IdentificationEvaluator(IdentificationConfig.defaults()).evaluate(EvaluationInput.of(GALLERY)
                .withProbes(PROBES).withOptions(new Options(OptionalDouble.of(far), OptionalInt.empty(),
                        Optional.empty()))).details(IdentificationReport.class).orElseThrow();
    }

    @Test
    void countsRanksOfMatedProbes() {
        IdentificationReport r = evaluate(0.5);
        assertThat(r.cmc()).startsWith(1.0 / 3, 2.0 / 3, 1.0);
        assertThat(r.rank(1)).isEqualTo(1.0 / 3);
        assertThat(r.rank(5)).isEqualTo(1.0);
        assertThat(r.probesMated()).isEqualTo(3);
        assertThat(r.probesNonMated()).isEqualTo(2);
    }

    @Test
    void findsDetectionAndIdentificationRateAtFar() {
        IdentificationReport half = evaluate(0.5);
        assertThat(half.dir()).isEqualTo(1.0 / 3);
        assertThat(half.threshold()).isEqualTo(1.0);
        assertThat(half.far()).isEqualTo(0.5);
        IdentificationReport strict = evaluate(0.4);
        assertThat(strict.dir()).isZero();
        assertThat(strict.far()).isZero();
    }

    @Test
    void countsTiesAgainstTheProbe() {
        // Probe of A at 1 is as far from A (0) as from B (2): rank 2, not 1.
        EmbeddingBatch gallery = new EmbeddingBatch(new float[][] {{0}, {2}}, new int[] {0, 1});
        EmbeddingBatch probe = new EmbeddingBatch(new float[][] {{1}}, new int[] {0});
        IdentificationReport r = new IdentificationEvaluator(IdentificationConfig.defaults())
                .evaluate(EvaluationInput.of(gallery).withProbes(probe)).details(IdentificationReport.class)
                .orElseThrow();
        assertThat(r.rank(1)).isZero();
        assertThat(r.rank(2)).isEqualTo(1.0);
        assertThat(r.dir()).isNaN();
    }
}
