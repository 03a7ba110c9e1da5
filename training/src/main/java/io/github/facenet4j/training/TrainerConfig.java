package io.github.facenet4j.training;

import io.github.facenet4j.api.ConfigurationException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link Trainer} runs. Checked when built, with one-line messages.
 *
 * @param steps           optimisation steps to reach (counting those before a resume); 0 = no step limit
 * @param timeBudget      wall-clock time for this run (a resume starts a new budget);
 *                        {@link Duration#ZERO} = none. At least one of the two limits must be set
 * @param validateEvery   validate every this many steps (and at the end), ≥ 0 (0 = only at the end)
 * @param checkpointEvery write a checkpoint every this many steps (and at the end and on
 *                        interrupt), ≥ 0 (0 = only then)
 * @param checkpointInterval also write one when this much wall-clock time has passed since the
 *                        last (or since the run started), so a run killed between step
 *                        checkpoints loses at most this much work; {@link Duration#ZERO} = by steps only
 * @param schedule        learning rate per step
 * @param seed            seed of mining ({@link io.github.facenet4j.api.MiningContext}); the sampler has its own
 * @param farTarget       FAR at which VAL is reported, in (0, 1); FaceNet reports VAL at 10⁻³ (§5)
 * @param embedBatchSize  images per forward pass when embedding the held-out set, ≥ 1
 * @param collapse        collapse detection
 */
public record TrainerConfig(long steps, Duration timeBudget, long validateEvery, long checkpointEvery,
                            Duration checkpointInterval, LearningRateSchedule schedule, long seed, double farTarget, int embedBatchSize,
                            CollapseDetection collapse) {

    public TrainerConfig {
        Objects.requireNonNull(timeBudget, "timeBudget");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(collapse, "collapse");
        if (steps < 0) {
            throw new ConfigurationException("steps must be ≥ 0 (0 = no limit), got " + steps);
        }
        if (timeBudget.isNegative()) {
            throw new ConfigurationException("The time budget must not be negative, got " + timeBudget);
        }
        if (steps == 0 && timeBudget.isZero()) {
            throw new ConfigurationException("Set a number of steps or a time budget (or both)");
        }
        if (validateEvery < 0) {
            throw new ConfigurationException("validate-every must be ≥ 0 steps (0 = only at the end), got "
                    + validateEvery);
        }
        if (checkpointEvery < 0) {
            throw new ConfigurationException("checkpoint-every must be ≥ 0 steps (0 = only at the end), got "
                    + checkpointEvery);
        }
        if (checkpointInterval.isNegative()) {
            throw new ConfigurationException("The checkpoint interval must not be negative (zero = by steps only), got "
                    + checkpointInterval);
        }
        if (!(farTarget > 0 && farTarget < 1)) {
            throw new ConfigurationException("far must be in (0, 1), got " + farTarget);
        }
        if (embedBatchSize < 1) {
            throw new ConfigurationException("The embedding batch size must be ≥ 1, got " + embedBatchSize);
        }
    }

    /**
     * {@code steps} steps at a constant rate 0.05 (FaceNet's AdaGrad rate, §3.3), validation and
     * checkpoints every 500 steps (and a checkpoint at least every minute), seed 0, VAL at FAR 10⁻³, 256 images per validation batch,
     * default collapse detection.
     */
    public static TrainerConfig defaults(long steps) {
        return new TrainerConfig(steps, Duration.ZERO, 500, 500, Duration.ofMinutes(1), new LearningRateSchedule.Constant(0.05), 0, 1e-3,
                256, CollapseDetection.defaults());
    }

    public TrainerConfig withSteps(long value) {
        return with(c -> c.steps = value);
    }

    public TrainerConfig withTimeBudget(Duration value) {
        return with(c -> c.timeBudget = value);
    }

    public TrainerConfig withValidateEvery(long value) {
        return with(c -> c.validateEvery = value);
    }

    public TrainerConfig withCheckpointEvery(long value) {
        return with(c -> c.checkpointEvery = value);
    }

    public TrainerConfig withCheckpointInterval(Duration value) {
        return with(c -> c.checkpointInterval = value);
    }

    public TrainerConfig withSchedule(LearningRateSchedule value) {
        return with(c -> c.schedule = value);
    }

    public TrainerConfig withSeed(long value) {
        return with(c -> c.seed = value);
    }

    public TrainerConfig withCollapse(CollapseDetection value) {
        return with(c -> c.collapse = value);
    }

    /** This configuration with what {@code change} sets, checked like any other. */
    private TrainerConfig with(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return new TrainerConfig(c.steps, c.timeBudget, c.validateEvery, c.checkpointEvery, c.checkpointInterval, c.schedule, c.seed,
                c.farTarget, c.embedBatchSize, c.collapse);
    }

    /** The components of a configuration while one of them is being replaced. */
    private static final class Copy {
        long steps;
        Duration timeBudget;
        long validateEvery;
        long checkpointEvery;
        Duration checkpointInterval;
        LearningRateSchedule schedule;
        long seed;
        double farTarget;
        int embedBatchSize;
        CollapseDetection collapse;

        Copy(TrainerConfig c) {
            steps = c.steps;
            timeBudget = c.timeBudget;
            validateEvery = c.validateEvery;
            checkpointEvery = c.checkpointEvery;
            checkpointInterval = c.checkpointInterval;
            schedule = c.schedule;
            seed = c.seed;
            farTarget = c.farTarget;
            embedBatchSize = c.embedBatchSize;
            collapse = c.collapse;
        }
    }

    /** The configuration as JSON-ready values (for checkpoints and the log). */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", steps);
        m.put("time_budget", timeBudget.toString());
        m.put("validate_every", validateEvery);
        m.put("checkpoint_every", checkpointEvery);
        m.put("checkpoint_interval", checkpointInterval.toString());
        m.put("learning_rate", schedule.describe());
        m.put("seed", seed);
        m.put("far_target", farTarget);
        m.put("embed_batch_size", embedBatchSize);
        m.put("collapse", collapse.describe());
        return m;
    }
}
