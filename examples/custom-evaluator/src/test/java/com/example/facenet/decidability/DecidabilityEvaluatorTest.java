package com.example.facenet.decidability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.EvaluationInput;
import io.github.facenet4j.api.EvaluationInput.Metric;
import io.github.facenet4j.api.EvaluationInput.Options;
import io.github.facenet4j.api.EvaluationInput.Pairs;
import io.github.facenet4j.api.EvaluationResult;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DecidabilityEvaluatorTest {

    /**
     * Ann at (1, 0) and (0.6, 0.8), Bob at (−1, 0) and (0, −1), all unit vectors. Squared
     * distances: same pairs Ann 0.4² + 0.8² = 0.8, Bob 1 + 1 = 2; different pairs
     * (1,0)–(−1,0) 4, (1,0)–(0,−1) 2, (0.6,0.8)–(−1,0) 1.6² + 0.8² = 3.2, (0.6,0.8)–(0,−1)
     * 0.6² + 1.8² = 3.6.
     */
    private static final EmbeddingBatch FOUR = new EmbeddingBatch(
            new float[][] {{1, 0}, {0.6f, 0.8f}, {-1, 0}, {0, -1}}, new int[] {0, 0, 1, 1});

    private static final DecidabilityEvaluator EVALUATOR = new DecidabilityEvaluator(Map.of());

    @Test
    void allPairsOfFourUnitVectorsGiveTheHandWorkedIndex() {
        EvaluationResult result = EVALUATOR.evaluate(EvaluationInput.of(FOUR));
        Map<String, Object> m = result.metrics();
        assertThat(result.evaluator()).isEqualTo("decidability");
        // same {0.8, 2}: mean 1.4, variance (0.36 + 0.36) / 2 = 0.36, σ 0.6
        assertThat((double) m.get("mean_same")).isCloseTo(1.4, within(1e-6));
        assertThat((double) m.get("std_same")).isCloseTo(0.6, within(1e-6));
        // different {4, 2, 3.2, 3.6}: mean 3.2, variance (0.64 + 1.44 + 0 + 0.16) / 4 = 0.56
        assertThat((double) m.get("mean_different")).isCloseTo(3.2, within(1e-6));
        assertThat((double) m.get("std_different")).isCloseTo(Math.sqrt(0.56), within(1e-6));
        // d' = |3.2 − 1.4| / √((0.36 + 0.56) / 2) = 1.8 / √0.46 = 2.653954…
        assertThat((double) m.get("decidability")).isCloseTo(2.653954, within(1e-5));
        assertThat(m.get("same_pairs")).isEqualTo(2L);
        assertThat(m.get("different_pairs")).isEqualTo(4L);
        assertThat(m.get("metric")).isEqualTo("l2sq");
    }

    @Test
    void cosineDistanceOfUnitVectorsIsHalfTheSquaredDistanceAndLeavesTheIndexUnchanged() {
        Options cosine = new Options(OptionalDouble.empty(), OptionalInt.empty(), Optional.of(Metric.COSINE));
        Map<String, Object> m = EVALUATOR.evaluate(EvaluationInput.of(FOUR).withOptions(cosine)).metrics();
        assertThat((double) m.get("mean_same")).isCloseTo(0.7, within(1e-6));
        assertThat((double) m.get("mean_different")).isCloseTo(1.6, within(1e-6));
        assertThat((double) m.get("decidability")).isCloseTo(2.653954, within(1e-5));
        assertThat(m.get("metric")).isEqualTo("cosine");
    }

    @Test
    void explicitPairsAreTheOnesCounted() {
        // same: Ann (0.8); different: (1,0)–(−1,0) 4 and (1,0)–(0,−1) 2. σ_same 0, σ_diff 1:
        // d' = |3 − 0.8| / √(1 / 2) = 2.2 · √2
        Pairs pairs = new Pairs(new int[] {0, 0, 0}, new int[] {1, 2, 3}, new boolean[] {true, false, false},
                new int[3]);
        Map<String, Object> m = EVALUATOR.evaluate(EvaluationInput.of(FOUR).withPairs(pairs)).metrics();
        assertThat(m.get("same_pairs")).isEqualTo(1L);
        assertThat(m.get("different_pairs")).isEqualTo(2L);
        assertThat((double) m.get("decidability")).isCloseTo(2.2 * Math.sqrt(2), within(1e-5));
    }

    @Test
    void inputWithoutSameOrDifferentPairsIsRefusedInOneLine() {
        EmbeddingBatch strangers = new EmbeddingBatch(new float[][] {{1, 0}, {0, 1}}, new int[] {0, 1});
        assertThatThrownBy(() -> EVALUATOR.evaluate(EvaluationInput.of(strangers)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Decidability needs same-identity and different-identity pairs: got 0 same and 1"
                        + " different.");
        EmbeddingBatch oneIdentity = new EmbeddingBatch(new float[][] {{1, 0}, {0, 1}}, new int[] {3, 3});
        assertThatThrownBy(() -> EVALUATOR.evaluate(EvaluationInput.of(oneIdentity)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("got 1 same and 0 different");
    }

    @Test
    void configurationChoosesTheMetricAndRefusesAnUnknownOne() {
        Map<String, Object> m = new DecidabilityEvaluator(Map.of("metric", "cosine")).evaluate(EvaluationInput.of(FOUR))
                .metrics();
        assertThat(m.get("metric")).isEqualTo("cosine");
        assertThatThrownBy(() -> new DecidabilityEvaluator(Map.of("metric", "manhattan")))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("evaluator decidability: metric");
    }
}
