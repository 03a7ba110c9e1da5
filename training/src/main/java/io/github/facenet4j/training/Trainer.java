package io.github.facenet4j.training;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.Evaluator;
import io.github.facenet4j.api.Loss;
import io.github.facenet4j.api.LossResult;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.TrainableEmbedder;
import io.github.facenet4j.api.TripletMiner;
import io.github.facenet4j.api.nn.InputNormalisation;
import io.github.facenet4j.training.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Trains a {@link TrainableEmbedder} with online triplet mining and a triplet loss, as
 * FaceNet does (Schroff, Kalenichenko, Philbin 2015): each step samples a batch
 * ({@link BatchSampler}, e.g. P identities × K images, §3.2), normalises its pixels as the
 * network's model card will say ({@link Builder#normalisation}), embeds it on the unit
 * sphere, computes the loss and dL/dE through the {@link StepObjective} (by default: mine
 * triplets inside the batch with the {@link TripletMiner} in {@code MiningContext(step, seed)},
 * §3.2, then the {@link Loss}, eq. 2) and hands the gradient to the backend for one optimiser
 * step at the scheduled learning rate. The trainer is backend-neutral: it never sees the
 * backend's autograd.
 *
 * <p>This class is the step loop; around it, each in a class of its own:
 * <ul>
 *   <li>{@link Validation} every N steps and at the end on a held-out set: VAL at the target
 *       FAR through an evaluator's {@link io.github.facenet4j.api.VerificationFigures}
 *       (FaceNet §4), leave-one-out precision@1 and the embeddings' spread;</li>
 *   <li>collapse detection ({@link CollapseMonitor}), reported as events and optionally
 *       ending the run;</li>
 *   <li>a NaN/Inf guard: a non-finite embedding, loss or gradient ends the run before the
 *       optimiser step, and the checkpoint on disk stays the last good one;</li>
 *   <li>checkpoints ({@value #CHECKPOINT_FILE}, {@link CheckpointStore}) every N steps and every
 *       M minutes, at the end and on {@link #requestStop()}, written atomically with a checksum
 *       footer; a run built with {@link Builder#resumeFrom(Path)} continues exactly where the
 *       checkpoint left off, because batches, triplets and learning rates depend only on (seed, step);</li>
 *   <li>a JSON-lines log ({@value #LOG_FILE}, {@link TrainingLog}: one object per step, validation
 *       and event), {@link TrainingListener}s for progress, and an HTML report ({@value #REPORT_FILE})
 *       at the end.</li>
 * </ul>
 */
public final class Trainer {

    /** Checkpoint file in the output directory. */
    public static final String CHECKPOINT_FILE = "checkpoint.zip";
    /** JSON-lines log in the output directory. */
    public static final String LOG_FILE = "training-log.jsonl";
    /** HTML report in the output directory. */
    public static final String REPORT_FILE = "training-report.html";

    private final TrainableEmbedder embedder;
    private final TripletMiner miner;
    private final Loss loss;
    private final StepObjective objective;
    private final Dataset train;
    private final BatchSampler sampler;
    private final TrainerConfig config;
    private final InputNormalisation normalisation;
    private final Validation validation;
    private final Path output;
    private final Path resumeFrom;
    private final List<TrainingListener> listeners;
    private final CollapseMonitor monitor;
    private final CheckpointStore checkpoints;
    /** The trainer state of {@link #resumeFrom}, read and checked when the trainer was built. */
    private final Map<String, Object> resumeState;
    private final TrainingLog log;

    private final List<StepRecord> steps = new ArrayList<>();
    private final List<ValidationRecord> validations = new ArrayList<>();
    private final List<TrainingEvent> events = new ArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private boolean started;
    private long step;
    private double lastBatchSpread = Double.NaN;

    private Trainer(Builder b) {
        this.embedder = b.embedder;
        this.miner = b.miner;
        this.loss = b.loss;
        this.objective = b.objective != null ? b.objective : StepObjective.minedTriplets(miner, loss, b.config.seed());
        this.train = b.train;
        this.sampler = b.sampler;
        this.config = b.config;
        this.normalisation = b.normalisation;
        this.validation = b.validation;
        this.output = b.output;
        this.resumeFrom = b.resumeFrom;
        this.listeners = List.copyOf(b.listeners);
        this.monitor = new CollapseMonitor(config.collapse());
        this.checkpoints = new CheckpointStore(output.resolve(CHECKPOINT_FILE), config, sampler, miner.name(),
                loss.name(), b.objective == null ? null : b.objective.name(), embedder.dimension(), normalisation);
        this.log = new TrainingLog(output.resolve(LOG_FILE));
        // a checkpoint of other settings is refused now, when the trainer is built, before the
        // caller starts the run; run() restores from the state read here
        this.resumeState = resumeFrom == null ? null : checkpoints.verify(resumeFrom, train.shape().channels());
    }

    /** Starts building a trainer from its required parts. */
    public static Builder builder(TrainableEmbedder embedder, TripletMiner miner, Loss loss, Dataset train,
                                  BatchSampler sampler, TrainerConfig config) {
        return new Builder(embedder, miner, loss, train, sampler, config);
    }

    /** Assembles a {@link Trainer}; {@link #build()} checks that the parts fit together. */
    public static final class Builder {
        private final TrainableEmbedder embedder;
        private final TripletMiner miner;
        private final Loss loss;
        private final Dataset train;
        private final BatchSampler sampler;
        private final TrainerConfig config;
        private StepObjective objective;
        private InputNormalisation normalisation;
        private Validation validation;
        private Path output;
        private Path resumeFrom;
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder(TrainableEmbedder embedder, TripletMiner miner, Loss loss, Dataset train,
                        BatchSampler sampler, TrainerConfig config) {
            this.embedder = Objects.requireNonNull(embedder, "embedder");
            this.miner = Objects.requireNonNull(miner, "miner");
            this.loss = Objects.requireNonNull(loss, "loss");
            this.train = Objects.requireNonNull(train, "train");
            this.sampler = Objects.requireNonNull(sampler, "sampler");
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * How the images' pixel values 0…255 become the network's input (required): the
         * normalisation the trained model's card will carry, so that inference feeds the
         * network what training fed it.
         */
        public Builder normalisation(InputNormalisation value) {
            this.normalisation = Objects.requireNonNull(value, "normalisation");
            return this;
        }

        /**
         * Validates on {@code heldOut}: precision@1 and spread always, VAL@FAR when
         * {@code verification} (e.g. the {@code verification} evaluator plugin) is not null.
         */
        public Builder validation(Dataset heldOut, Evaluator verification) {
            return validation(new Validation(heldOut, verification));
        }

        /** Validates as {@code value} says (e.g. {@link Validation#named} an evaluator plugin). */
        public Builder validation(Validation value) {
            this.validation = Objects.requireNonNull(value, "validation");
            return this;
        }

        /**
         * What each step computes from the batch's embeddings, in place of
         * {@link StepObjective#minedTriplets} with this builder's miner and loss; its name goes
         * into the checkpoint.
         */
        public Builder objective(StepObjective value) {
            this.objective = Objects.requireNonNull(value, "objective");
            return this;
        }

        /** Where the checkpoint, log and report go (required). */
        public Builder output(Path directory) {
            this.output = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Continues the run saved in {@code checkpoint}. */
        public Builder resumeFrom(Path checkpoint) {
            this.resumeFrom = Objects.requireNonNull(checkpoint, "checkpoint");
            return this;
        }

        /** Adds a listener. */
        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @throws ConfigurationException if the output directory is missing or already holds
         *                                another run, or the parts do not fit together
         * @throws BadInputException      if the held-out set cannot be validated on
         */
        public Trainer build() {
            if (output == null) {
                throw new ConfigurationException("The trainer needs an output directory for its checkpoint and log");
            }
            if (normalisation == null) {
                throw new ConfigurationException("The trainer needs the input normalisation the trained model's card"
                        + " will carry (Builder.normalisation)");
            }
            if (normalisation.channels() != train.shape().channels()) {
                throw new ConfigurationException("Training images are " + train.shape() + " but the input"
                        + " normalisation (" + normalisation + ") is for " + normalisation.channels() + " channel(s)");
            }
            // a log without a checkpoint is a run that ended before its first checkpoint: nothing
            // of it can be continued, so a new run may start there (and replaces the log)
            if (resumeFrom == null && Files.exists(output.resolve(CHECKPOINT_FILE))) {
                throw new ConfigurationException(output + " already holds a training run; resume it from "
                        + output.resolve(CHECKPOINT_FILE) + " or choose another output directory");
            }
            int[] first = sampler.batch(0);
            for (int i : first) {
                if (i < 0 || i >= train.size()) {
                    throw new ConfigurationException("The sampler chose image " + i + ", outside the " + train.size()
                            + " training images; build it from the training set's labels");
                }
            }
            if (validation != null) {
                validation.check(train);
            }
            return new Trainer(this);
        }
    }

    /** The checkpoint this run writes. */
    public Path checkpointFile() {
        return checkpoints.file();
    }

    /** The JSON-lines log this run writes. */
    public Path logFile() {
        return log.file();
    }

    /** The HTML report written at the end. */
    public Path reportFile() {
        return output.resolve(REPORT_FILE);
    }

    /** What the log holds so far (after a resume, including the earlier run's records). */
    public synchronized TrainingHistory history() {
        return new TrainingHistory(steps, validations, events);
    }

    /**
     * Asks the run to stop after the step in progress, write a checkpoint and end with
     * {@link TrainingResult.Outcome#INTERRUPTED}. Safe from any thread.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * For a shutdown hook: {@link #requestStop()}, then waits until the run has written its
     * checkpoint and ended.
     *
     * @return whether the run ended within {@code timeout} (true at once if it never started)
     */
    public boolean stopAndWait(Duration timeout) {
        requestStop();
        synchronized (this) {
            if (!started) {
                return true;
            }
        }
        try {
            return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs until the configured steps are done, the time budget is spent, a stop is
     * requested, collapse detection stops it, or a value turns non-finite. Can be called once.
     *
     * @return how the run ended; a failed outcome carries a one-line message saying what to do
     * @throws BadInputException      if a file cannot be read or written, or the checkpoint to
     *                                resume is damaged
     * @throws ConfigurationException if the checkpoint to resume does not fit this run
     */
    public TrainingResult run() {
        synchronized (this) {
            if (started) {
                throw new IllegalStateException("A trainer runs once");
            }
            started = true;
        }
        try {
            return loop();
        } finally {
            log.close();
            finished.countDown();
        }
    }

    private TrainingResult loop() {
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new BadInputException("Cannot create the output directory " + output + ": " + e.getMessage(), e);
        }
        if (resumeFrom != null) {
            step = checkpoints.restore(resumeFrom, resumeState, monitor, embedder);
            TrainingHistory before = log.cutBackTo(step);
            steps.addAll(before.steps());
            validations.addAll(before.validations());
            events.addAll(before.events());
        }
        log.open(resumeFrom != null, startLine());
        for (TrainingListener l : listeners) {
            l.started(step, config);
        }
        if (resumeFrom != null) {
            event(new TrainingEvent(step, TrainingEvent.Kind.RESUMED, "Resumed at step " + step + " from "
                    + resumeFrom));
        }
        try {
            return steps();
        } catch (NonFiniteValue e) {
            return finish(TrainingResult.Outcome.NON_FINITE, e.getMessage() + "; " + checkpoints.lastGood(), false);
        }
    }

    /** The loop proper, to the end of the run; a non-finite value ends it by throwing. */
    private TrainingResult steps() {
        long startNanos = System.nanoTime();
        checkpoints.startClock();
        long lastValidated = validations.isEmpty() ? -1 : validations.get(validations.size() - 1).step();
        TrainingResult.Outcome outcome;
        String message;
        while (true) {
            if (stopRequested) {
                outcome = TrainingResult.Outcome.INTERRUPTED;
                message = "Interrupted at step " + step;
                break;
            }
            if (config.steps() > 0 && step >= config.steps()) {
                outcome = TrainingResult.Outcome.COMPLETED;
                message = "Completed " + step + " steps";
                break;
            }
            if (!config.timeBudget().isZero() && System.nanoTime() - startNanos >= config.timeBudget().toNanos()) {
                outcome = TrainingResult.Outcome.TIME_BUDGET;
                message = "Time budget of " + config.timeBudget() + " spent at step " + step;
                break;
            }
            trainStep();
            Optional<TrainingEvent> stuck = monitor.step(step, steps.get(steps.size() - 1).activeFraction());
            if (stuck.isPresent() && stopOnCollapse(stuck.get())) {
                return collapsed(stuck.get());
            }
            if (config.validateEvery() > 0 && step % config.validateEvery() == 0) {
                lastValidated = step;
                validate();
                Optional<TrainingEvent> collapse = monitor.spread(step, spreadForCollapse());
                if (collapse.isPresent() && stopOnCollapse(collapse.get())) {
                    return collapsed(collapse.get());
                }
            }
            if (checkpoints.due(step)) {
                checkpoint();
            }
        }
        if (outcome != TrainingResult.Outcome.INTERRUPTED && lastValidated != step && validation != null) {
            validate();
        }
        return finish(outcome, message, true);
    }

    /** One optimisation step; a non-finite value throws before the optimiser step. */
    private void trainStep() {
        long t0 = System.nanoTime();
        int[] indices = sampler.batch(step);
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            labels[i] = train.label(indices[i]);
        }
        TensorBatch batch = train.batch(indices, normalisation);
        long number = step + 1;
        double rate = config.schedule().rateAt(step);
        StepRecord record;
        try (TrainableEmbedder.TrainingPass pass = embedder.forward(batch)) {
            float[][] e = pass.embeddings();
            NonFiniteValue.requireFinite(e, number, "the network's embeddings are");
            LossResult result = objective.compute(new StepBatch(step, indices, batch, new EmbeddingBatch(e, labels)));
            if (!Double.isFinite(result.value())) {
                throw new NonFiniteValue(number, "the loss is " + result.value());
            }
            NonFiniteValue.requireFinite(result.gradient(), number, "the loss gradient is");
            embedder.learningRate(rate);
            pass.backwardAndStep(result.gradient());
            lastBatchSpread = EmbeddingMetrics.meanSquaredDistance(e);
            record = new StepRecord(number, rate, result.value(), result.totalTriplets(), result.activeTriplets(),
                    lastBatchSpread, (System.nanoTime() - t0) / 1_000_000);
        }
        step = number;
        record(steps, record, record.toJson(), l -> l.step(record));
    }

    /** Validates on the held-out set, if there is one (collapse detection then watches the batches' spread). */
    private void validate() {
        if (validation == null) {
            return;
        }
        ValidationRecord record = validation.run(step, embedder, normalisation, config);
        record(validations, record, record.toJson(), l -> l.validated(record));
    }

    private double spreadForCollapse() {
        return validation != null ? validations.get(validations.size() - 1).spread() : lastBatchSpread;
    }

    private boolean stopOnCollapse(TrainingEvent e) {
        event(e);
        return config.collapse().stop();
    }

    private TrainingResult collapsed(TrainingEvent e) {
        return finish(TrainingResult.Outcome.COLLAPSED, e.message() + "; " + checkpoints.lastGood(), false);
    }

    private void checkpoint() {
        checkpoints.save(step, monitor, embedder);
        event(new TrainingEvent(step, TrainingEvent.Kind.CHECKPOINT, "Checkpoint at step " + step + ": "
                + checkpoints.file()));
    }

    private TrainingResult finish(TrainingResult.Outcome outcome, String message, boolean saveCheckpoint) {
        if (saveCheckpoint && checkpoints.savedStep() != step) {
            checkpoint();
        }
        event(new TrainingEvent(step, outcome == TrainingResult.Outcome.NON_FINITE ? TrainingEvent.Kind.NON_FINITE
                : TrainingEvent.Kind.FINISHED, message));
        ValidationRecord last = validations.isEmpty() ? null : validations.get(validations.size() - 1);
        TrainingResult result = new TrainingResult(outcome, step, Optional.ofNullable(last), checkpoints.saved(),
                checkpoints.savedStep(), message);
        TrainingReport.write(reportFile(), "facenet4j training: " + miner.name() + " mining, " + loss.name()
                + " loss", history(), result, config);
        log.close();
        for (TrainingListener l : listeners) {
            l.finished(result);
        }
        return result;
    }

    private Map<String, Object> startLine() {
        Map<String, Object> start = TrainingHistory.logLine("start", step);
        start.put("miner", miner.name());
        start.put("loss", loss.name());
        start.put("train", train.description());
        start.put("validation", validation == null ? null : validation.heldOut().description());
        start.put("input_normalisation", TrainingLog.describe(normalisation));
        start.put("config", config.describe());
        return start;
    }

    private void event(TrainingEvent e) {
        record(events, e, e.toJson(), l -> l.event(e));
    }

    /** Adds {@code entry} to the history ({@code kept}), writes its log line, then tells the listeners. */
    private <T> void record(List<T> kept, T entry, Map<String, Object> line, Consumer<TrainingListener> tell) {
        synchronized (this) {
            kept.add(entry);
        }
        log.append(line);
        for (TrainingListener l : listeners) {
            tell.accept(l);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Trainer[%s mining, %s loss, step %d, %s]", miner.name(), loss.name(), step,
                output);
    }
}
