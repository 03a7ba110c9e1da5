package io.github.facenet4j.mining.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.TripletMiner;
import io.github.facenet4j.mining.internal.SemiHardConfig.Fallback;
import io.github.facenet4j.mining.internal.SemiHardConfig.Mode;
import io.github.facenet4j.mining.internal.SemiHardConfig.Selection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigurationTest {

    /** Each miner's config reader, its name and the keys it reads. */
    static Stream<Arguments> configReaders() {
        return Stream.of(
                Arguments.of("semi-hard", (Function<Map<String, ?>, ?>) SemiHardConfig::from,
                        "fallback, margin, max-triplets, mode, selection"),
                Arguments.of("batch-all", (Function<Map<String, ?>, ?>) BatchAllConfig::from, "margin, max-triplets"),
                Arguments.of("curriculum", (Function<Map<String, ?>, ?>) CurriculumConfig::from,
                        "easy-steps, final-stage, initial-band, margin, semi-hard-steps"),
                Arguments.of("hardest", (Function<Map<String, ?>, ?>) HardestConfig::from, "none"),
                Arguments.of("random", (Function<Map<String, ?>, ?>) RandomConfig::from, "none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configReaders")
    void refusesAnUnknownKeyNamingItAndTheKnownOnes(String miner, Function<Map<String, ?>, ?> from, String known) {
        assertThatThrownBy(() -> from.apply(Map.of("typo", "1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("miner " + miner + ": unknown key 'typo' (known: " + known + "); check conf/facenet.miner."
                        + miner + ".cfg");
    }

    /** What SCR and ConfigAdmin hand a component besides the file's own keys. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("configReaders")
    void acceptsTheFrameworksKeys(String miner, Function<Map<String, ?>, ?> from, String known) {
        assertThat(from.apply(Map.of("component.name", "x", "component.id", 3L, "service.pid", "facenet.miner." + miner,
                "facenet.name", miner, "felix.fileinstall.filename", "file:/conf/x.cfg", "objectClass",
                new String[] {"x"}))).isNotNull();
    }

    @Test
    void rejectsNegativeMargin() {
        assertThatThrownBy(() -> SemiHardConfig.from(Map.of("margin", "-0.1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("margin must be > 0 and finite, got -0.1");
        assertThatThrownBy(() -> new BatchAllConfig(-0.1, 0))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("margin must be > 0 and finite, got -0.1");
    }

    @Test
    void rejectsNonFiniteMargin() {
        assertThatThrownBy(() -> new SemiHardConfig(Double.NaN, Selection.CLOSEST, Fallback.SKIP, Mode.PER_PAIR, 0))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("margin must be > 0 and finite, got NaN");
    }

    @Test
    void rejectsInitialBandNarrowerThanTheMargin() {
        assertThatThrownBy(() -> CurriculumConfig.from(Map.of("margin", 0.2, "initial-band", 0.1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("initial-band must be ≥ margin (0.2), got 0.1");
    }

    @Test
    void rejectsNegativeStepCounts() {
        assertThatThrownBy(() -> CurriculumConfig.from(Map.of("easy-steps", "-1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("easy-steps must be ≥ 0, got -1");
    }

    @Test
    void rejectsUnknownSelectionName() {
        assertThatThrownBy(() -> SemiHardConfig.from(Map.of("selection", "nearest")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("miner semi-hard: selection must be one of closest, random, got 'nearest'");
    }

    @Test
    void rejectsNegativeTripletCap() {
        assertThatThrownBy(() -> BatchAllConfig.from(Map.of("max-triplets", -3)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("max-triplets must be ≥ 1, or 0 for n² in a batch of n, got -3");
    }

    @Test
    void readsEveryKeyWithHyphenatedChoices() {
        SemiHardConfig semiHard = SemiHardConfig.from(Map.of("margin", "0.5", "selection", "random",
                "fallback", "skip", "mode", "all", "max-triplets", "100"));
        CurriculumConfig curriculum = CurriculumConfig.from(Map.of("margin", 0.3, "easy-steps", 5,
                "semi-hard-steps", "7", "initial-band", "0.9", "final-stage", "semi-hard"));

        assertThat(semiHard).isEqualTo(new SemiHardConfig(0.5, Selection.RANDOM, Fallback.SKIP, Mode.ALL, 100));
        assertThat(curriculum).isEqualTo(new CurriculumConfig(0.3, 5, 7, 0.9, CurriculumConfig.FinalStage.SEMI_HARD));
        assertThat(SemiHardConfig.from(Map.of("fallback", "random-easier", "mode", "per-pair")))
                .isEqualTo(SemiHardConfig.defaults());
        assertThat(BatchAllConfig.from(Map.of("margin", 1))).isEqualTo(new BatchAllConfig(1, 0));
    }

    @Test
    void defaultsFollowTheIssue() {
        assertThat(SemiHardConfig.defaults())
                .isEqualTo(new SemiHardConfig(0.2, Selection.CLOSEST, Fallback.RANDOM_EASIER, Mode.PER_PAIR, 0));
        assertThat(CurriculumConfig.defaults())
                .isEqualTo(new CurriculumConfig(0.2, 1000, 2000, 1.0, CurriculumConfig.FinalStage.HARDEST));
        assertThat(BatchAllConfig.defaults()).isEqualTo(new BatchAllConfig(0.2, 0));
    }

    @Test
    void activationFromEmptyPropertiesGivesNamedMinersWithDefaults() {
        Map<String, Object> none = Map.of();
        List<TripletMiner> miners = List.of(new SemiHardMiner(none), new HardestMiner(none),
                new BatchAllMiner(none), new RandomMiner(none), new CurriculumMiner(none));

        assertThat(miners).extracting(TripletMiner::name)
                .containsExactly("semi-hard", "hardest", "batch-all", "random", "curriculum");
        assertThat(((SemiHardMiner) miners.get(0)).config()).isEqualTo(SemiHardConfig.defaults());
        assertThat(((CurriculumMiner) miners.get(4)).config()).isEqualTo(CurriculumConfig.defaults());
    }

    @Test
    void curriculumSaysWhichStageAppliesAtAStep() {
        CurriculumMiner curriculum = new CurriculumMiner(CurriculumConfig.defaults());

        assertThat(curriculum.stageAt(0)).isEqualTo(new CurriculumMiner.Stage(CurriculumMiner.Kind.EASY, 1.0));
        assertThat(curriculum.stageAt(500).band()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(curriculum.stageAt(999).kind()).isEqualTo(CurriculumMiner.Kind.EASY);
        assertThat(curriculum.stageAt(1000)).isEqualTo(new CurriculumMiner.Stage(CurriculumMiner.Kind.SEMI_HARD, 0.2));
        assertThat(curriculum.stageAt(2999).kind()).isEqualTo(CurriculumMiner.Kind.SEMI_HARD);
        assertThat(curriculum.stageAt(3000)).isEqualTo(new CurriculumMiner.Stage(CurriculumMiner.Kind.HARDEST, 0));
        assertThat(new CurriculumMiner(Map.of("final-stage", "semi-hard")).stageAt(1_000_000).kind())
                .isEqualTo(CurriculumMiner.Kind.SEMI_HARD);
        assertThat(new CurriculumMiner(Map.of("easy-steps", 0, "semi-hard-steps", 0)).stageAt(0).kind())
                .isEqualTo(CurriculumMiner.Kind.HARDEST);
    }
}
