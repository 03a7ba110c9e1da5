package io.github.facenet4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.json.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void rates() {
        assertThat(new LearningRateSchedule.Constant(0.05).rateAt(123_456)).isEqualTo(0.05);
        LearningRateSchedule step = new LearningRateSchedule.StepDecay(0.1, 0.5, 100);
        assertThat(step.rateAt(0)).isEqualTo(0.1);
        assertThat(step.rateAt(99)).isEqualTo(0.1);
        assertThat(step.rateAt(100)).isEqualTo(0.05);
        assertThat(step.rateAt(250)).isEqualTo(0.025);
        LearningRateSchedule cosine = new LearningRateSchedule.Cosine(0.1, 0.001, 1000);
        assertThat(cosine.rateAt(0)).isEqualTo(0.1);
        assertThat(cosine.rateAt(500)).isCloseTo(0.0505, within(1e-12));
        assertThat(cosine.rateAt(1000)).isCloseTo(0.001, within(1e-15));
        assertThat(cosine.rateAt(5000)).isCloseTo(0.001, within(1e-15));
        assertThat(cosine.rateAt(250)).isCloseTo(0.001 + 0.099 * (1 + Math.cos(Math.PI / 4)) / 2, within(1e-15));
    }

    @Test
    void parseAndDescribeRoundTrip() {
        for (String text : List.of("constant:0.05", "step:0.1:0.5:1000", "cosine:0.05:0:20000")) {
            LearningRateSchedule s = LearningRateSchedule.parse(text);
            assertThat(LearningRateSchedule.fromDescription(Json.parseObject(Json.write(s.describe())))).isEqualTo(s);
        }
        assertThat(LearningRateSchedule.parse("cosine:0.05:0:20000"))
                .isEqualTo(new LearningRateSchedule.Cosine(0.05, 0, 20000));
        assertThatThrownBy(() -> LearningRateSchedule.parse("linear:1")).isInstanceOf(ConfigurationException.class)
                .hasMessage("Unknown learning-rate schedule 'linear:1'. Use constant:RATE, step:RATE:FACTOR:EVERY or"
                        + " cosine:RATE:MINIMUM:STEPS");
        assertThatThrownBy(() -> LearningRateSchedule.parse("constant:fast")).isInstanceOf(ConfigurationException.class);
    }

    /** What a trained model's card records: the spec, read back to the same schedule (rates and all). */
    @Test
    void aSpecParsesBackToAnEqualSchedule() {
        io.github.facenet4j.api.RandomCases.check(100, random -> {
            double initial = Math.exp(-random.nextDouble(0, 15));
            LearningRateSchedule schedule = switch (random.nextInt(3)) {
                case 0 -> new LearningRateSchedule.Constant(initial);
                case 1 -> new LearningRateSchedule.StepDecay(initial, random.nextDouble(0.01, 1),
                        random.nextLong(1, 1_000_000));
                default -> new LearningRateSchedule.Cosine(initial, initial * random.nextDouble(),
                        random.nextLong(1, 1_000_000));
            };
            assertThat(LearningRateSchedule.parse(schedule.spec())).isEqualTo(schedule);
        });
        assertThat(new LearningRateSchedule.Cosine(1e-3, 1e-5, 20_000).spec()).isEqualTo("cosine:0.001:1.0E-5:20000");
    }

    @Test
    void descriptionsNameTheScheduleThenItsParametersInOrder() {
        assertThat(new LearningRateSchedule.Constant(0.05).describe()).containsExactly(entry("schedule", "constant"),
                entry("rate", 0.05));
        assertThat(new LearningRateSchedule.StepDecay(0.1, 0.5, 1000).describe()).containsExactly(
                entry("schedule", "step"), entry("initial", 0.1), entry("factor", 0.5), entry("every", 1000L));
        assertThat(new LearningRateSchedule.Cosine(0.05, 0.001, 200).describe()).containsExactly(
                entry("schedule", "cosine"), entry("initial", 0.05), entry("minimum", 0.001), entry("steps", 200L));
    }

    @Test
    void withersReplaceOneSettingAndKeepTheOthers() {
        TrainerConfig base = TrainerConfig.defaults(100);
        TrainerConfig changed = base.withSeed(9).withCheckpointEvery(7);
        assertThat(changed).isEqualTo(new TrainerConfig(100, Duration.ZERO, 500, 7, Duration.ofMinutes(1),
                new LearningRateSchedule.Constant(0.05), 9, 1e-3, 256, CollapseDetection.defaults()));
        assertThat(base.seed()).isZero();
    }

    @Test
    void invalidSchedulesAndConfigsAreRefusedWithOneLine() {
        assertThatThrownBy(() -> new LearningRateSchedule.Constant(0)).isInstanceOf(ConfigurationException.class)
                .hasMessage("Learning rate must be a finite number > 0, got 0.0");
        assertThatThrownBy(() -> new LearningRateSchedule.StepDecay(0.1, 1.5, 10))
                .hasMessage("Step decay factor must be in (0, 1], got 1.5");
        assertThatThrownBy(() -> new LearningRateSchedule.Cosine(0.1, 0.2, 10))
                .hasMessage("Cosine minimum rate must be in [0, 0.1], got 0.2");
        TrainerConfig ok = TrainerConfig.defaults(100);
        assertThatThrownBy(() -> ok.withSteps(0)).isInstanceOf(ConfigurationException.class)
                .hasMessage("Set a number of steps or a time budget (or both)");
        assertThat(ok.withTimeBudget(Duration.ofMinutes(5)).withSteps(0).steps()).isZero();
        assertThatThrownBy(() -> ok.withValidateEvery(-1)).hasMessageContaining("validate-every must be ≥ 0");
        assertThatThrownBy(() -> ok.withTimeBudget(Duration.ofSeconds(-1))).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> new CollapseDetection(-1, 3, 0, 0, false))
                .hasMessageContaining("spread threshold");
        assertThatThrownBy(() -> new CollapseDetection(0.1, 0, 0, 0, false)).hasMessageContaining("patience");
        assertThatThrownBy(() -> new CollapseDetection(0.1, 1, 0, 0.5, false)).hasMessageContaining("tolerance");
    }
}
