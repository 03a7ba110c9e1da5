package io.github.facenet4j.training;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.TrainableEmbedder;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.api.nn.InputNormalisation;
import io.github.facenet4j.api.nn.InputNormalisation.ChannelOrder;
import io.github.facenet4j.training.internal.Checkpoint;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The trainer's checkpoints ({@value Trainer#CHECKPOINT_FILE}): what identifies the run (seed,
 * schedule, sampler state, miner, loss, objective, embedding dimension, normalisation, configuration)
 * with the step and the collapse detector's counts, beside the network's state, in a
 * {@link Checkpoint} file (atomic, with a checksum footer). It knows when the next one is due
 * and which one is the last good one, and refuses to resume a run whose identity differs.
 */
final class CheckpointStore {

    private static final String FORMAT = "facenet4j-training-checkpoint";
    private static final long VERSION = 1;

    private final Path file;
    private final TrainerConfig config;
    private final Map<String, Object> identity;
    private long savedStep = -1;
    private Path saved;
    private long savedNanos = System.nanoTime();

    /**
     * @param objective the step objective's name when it is not the plain mined-triplet loss,
     *                  else {@code null} (not recorded, as in checkpoints from before objectives)
     */
    CheckpointStore(Path file, TrainerConfig config, BatchSampler sampler, String miner, String loss, String objective,
                    int dimension, InputNormalisation normalisation) {
        this.file = Objects.requireNonNull(file, "file");
        this.config = config;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", config.seed());
        m.put("learning_rate", config.schedule().describe());
        m.put("sampler", sampler.state());
        m.put("miner", miner);
        m.put("loss", loss);
        if (objective != null) {
            m.put("objective", objective);
        }
        m.put("embedding_dimension", (long) dimension);
        m.put("input_normalisation", TrainingLog.describe(normalisation));
        this.identity = m;
    }

    Path file() {
        return file;
    }

    /** The step of the last good checkpoint (written, or resumed from), or −1. */
    long savedStep() {
        return savedStep;
    }

    /** The last good checkpoint, if there is one. */
    Optional<Path> saved() {
        return Optional.ofNullable(saved);
    }

    /** Starts the clock of {@link TrainerConfig#checkpointInterval()}. */
    void startClock() {
        savedNanos = System.nanoTime();
    }

    /** Whether a checkpoint is due after {@code step}: by steps, or by time since the last one. */
    boolean due(long step) {
        boolean stepsDue = config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0;
        boolean timeDue = !config.checkpointInterval().isZero()
                && System.nanoTime() - savedNanos >= config.checkpointInterval().toNanos();
        return stepsDue || timeDue;
    }

    /** Writes the checkpoint of {@code step}. */
    void save(long step, CollapseMonitor monitor, TrainableEmbedder embedder) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("format", FORMAT);
        state.put("version", VERSION);
        state.put("step", step);
        state.putAll(identity);
        state.put("collapse_monitor", monitor.state());
        state.put("config", config.describe());
        Checkpoint.write(file, state, embedder);
        saved = file;
        savedStep = step;
        savedNanos = System.nanoTime();
    }

    /**
     * Restores the run saved in {@code from} into {@code monitor} and {@code embedder}.
     *
     * @param state the checkpoint's trainer state as {@link #verify} read and checked it
     * @return the checkpoint's step
     * @throws BadInputException if the file is damaged or not a checkpoint
     */
    long restore(Path from, Map<String, Object> state, CollapseMonitor monitor, TrainableEmbedder embedder) {
        try {
            long at = Json.longValue(state, "step");
            Checkpoint.restoreEmbedder(from, embedder);
            monitor.restore(Json.objectValue(state, "collapse_monitor"));
            saved = from;
            savedStep = at;
            return at;
        } catch (IllegalArgumentException e) {
            throw new BadInputException("The checkpoint " + from + " is corrupt: " + e.getMessage());
        }
    }

    /**
     * Reads the run saved in {@code from} and checks that it is this run's: same seed, schedule,
     * sampler, miner, loss, objective, dimension and normalisation.
     *
     * @param trainChannels channels of the training images: a checkpoint from before the
     *                      normalisation was recorded was trained on value / 255 of them
     * @return the checkpoint's trainer state
     * @throws ConfigurationException if a setting differs from the checkpoint's
     * @throws BadInputException      if the file is missing, damaged or not a checkpoint
     */
    Map<String, Object> verify(Path from, int trainChannels) {
        Map<String, Object> state = Checkpoint.readTrainer(from);
        String where = "The checkpoint " + from;
        try {
            if (!FORMAT.equals(state.get("format")) || !Long.valueOf(VERSION).equals(state.get("version"))) {
                throw new BadInputException(from + " is not a version " + VERSION + " facenet4j training checkpoint");
            }
            same(where, "seed", state.get("seed"), identity.get("seed"));
            same(where, "learning-rate schedule", state.get("learning_rate"), identity.get("learning_rate"));
            same(where, "sampler", state.get("sampler"), identity.get("sampler"));
            same(where, "miner", state.get("miner"), identity.get("miner"));
            same(where, "loss", state.get("loss"), identity.get("loss"));
            // a checkpoint without an objective was trained with the default one
            same(where, "objective", state.getOrDefault("objective", StepObjective.MINED_TRIPLETS),
                    identity.getOrDefault("objective", StepObjective.MINED_TRIPLETS));
            same(where, "embedding dimension", state.get("embedding_dimension"), identity.get("embedding_dimension"));
            Object savedNormalisation = state.containsKey("input_normalisation") ? state.get("input_normalisation")
                    : TrainingLog.describe(InputNormalisation.unitRange(ChannelOrder.forChannels(trainChannels)));
            same(where, "input normalisation", savedNormalisation, identity.get("input_normalisation"));
            return state;
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where + " is corrupt: " + e.getMessage());
        }
    }

    /** What a failed run's message adds: where the last good checkpoint is. */
    String lastGood() {
        return saved == null ? "no checkpoint was written"
                : "the last good checkpoint is " + saved + " (step " + savedStep + ")";
    }

    /** Refuses a resume whose setting differs from the checkpoint's (compared as JSON). */
    private static void same(String where, String what, Object saved, Object now) {
        Object normalised = Json.parse(Json.write(now));
        if (!Objects.equals(saved, normalised)) {
            throw new ConfigurationException(where + " was written with " + what + " " + Json.write(saved)
                    + ", this run has " + Json.write(normalised) + "; resume with the same settings");
        }
    }
}
