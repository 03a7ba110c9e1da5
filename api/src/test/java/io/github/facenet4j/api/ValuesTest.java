package io.github.facenet4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {

    enum Mode { PER_PAIR, ALL }

    @Test
    void batchRejectsRaggedRows() {
        assertThatThrownBy(() -> new EmbeddingBatch(new float[][] {{1, 2}, {1}}, new int[] {0, 1}))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Embedding 1 has dimension 1, expected 2 like embedding 0.");
    }

    @Test
    void batchRejectsNaNAndNamesWhere() {
        assertThatThrownBy(() -> new EmbeddingBatch(new float[][] {{1, 2}, {Float.NaN, 0}}, new int[] {0, 1}))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Embedding 1 has a non-finite value (NaN) at component 0.");
    }

    @Test
    void batchRejectsLabelCountMismatch() {
        assertThatThrownBy(() -> new EmbeddingBatch(new float[][] {{1, 2}}, new int[] {0, 1}))
                .hasMessageContaining("1 embeddings and 2 labels");
    }

    @Test
    void tripletsValidationFindsFirstBadTriplet() {
        EmbeddingBatch batch = new EmbeddingBatch(new float[][] {{0}, {1}, {2}}, new int[] {7, 7, 8});
        new Triplets(new int[] {0}, new int[] {1}, new int[] {2}).requireValidFor(batch);
        assertThatThrownBy(() -> new Triplets(new int[] {0, 0}, new int[] {1, 2}, new int[] {2, 1})
                .requireValidFor(batch)).hasMessageContaining("Triplet 1 (0, 2, 1)");
        assertThatThrownBy(() -> new Triplets(new int[] {0}, new int[] {1}, new int[] {3})
                .requireValidFor(batch)).hasMessageContaining("outside the batch of 3");
    }

    @Test
    void miningContextRandomDependsOnStepAndSeedOnly() {
        long a = new MiningContext(5, 42).random().nextLong();
        long b = new MiningContext(5, 42).random().nextLong();
        long c = new MiningContext(6, 42).random().nextLong();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        assertThatThrownBy(() -> new MiningContext(-1, 0)).hasMessage("step must be ≥ 0, got -1");
    }

    @Test
    void consecutiveStepsAreNotShiftedCopiesOfOneStream() {
        var step5 = new MiningContext(5, 42).random();
        step5.nextLong();
        long secondDrawOfStep5 = step5.nextLong();
        long firstDrawOfStep6 = new MiningContext(6, 42).random().nextLong();
        assertThat(firstDrawOfStep6).isNotEqualTo(secondDrawOfStep5);
    }

    @Test
    void settingsParseTypedValuesAndQuoteBadOnes() {
        Settings settings = new Settings("miner semi-hard", Map.of("margin", "0.3", "k", 4, "mode", "per-pair"));
        assertThat(settings.getDouble("margin", 0.2)).isEqualTo(0.3);
        assertThat(settings.getDouble("missing", 0.2)).isEqualTo(0.2);
        assertThat(settings.getInt("k", 1)).isEqualTo(4);
        assertThat(settings.getChoice("mode", Mode.class, Mode.ALL)).isEqualTo(Mode.PER_PAIR);
        assertThatThrownBy(() -> new Settings("miner semi-hard", Map.of("margin", "wide")).getDouble("margin", 0))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("miner semi-hard: margin must be a number, got 'wide'");
        assertThatThrownBy(() -> new Settings("miner x", Map.of("mode", "each")).getChoice("mode", Mode.class, Mode.ALL))
                .hasMessage("miner x: mode must be one of per-pair, all, got 'each'");
    }

    @Test
    void unknownPluginMessageListsAvailableNames() {
        var e = new UnknownPluginException(PluginKind.MINER, "semihard", List.of("hardest", "semi-hard"));
        assertThat(e).hasMessage("No miner 'semihard'. Available: hardest, semi-hard.");
    }

    @Test
    void lossResultReportsActiveFraction() {
        assertThat(new LossResult(1.0, new float[0][], 3, 4).activeFraction()).isEqualTo(0.75);
        assertThat(new LossResult(0.0, new float[0][], 0, 0).activeFraction()).isZero();
    }
}
