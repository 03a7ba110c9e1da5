package io.github.facenet4j.training;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.EvaluationInput;
import io.github.facenet4j.api.EvaluationResult;
import io.github.facenet4j.api.Evaluator;
import io.github.facenet4j.api.Loss;
import io.github.facenet4j.api.LossResult;
import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.TrainableEmbedder;
import io.github.facenet4j.api.TripletMiner;
import io.github.facenet4j.api.nn.InputNormalisation;
import io.github.facenet4j.api.nn.InputNormalisation.ChannelOrder;
import io.github.facenet4j.training.data.Dataset;
import io.github.facenet4j.training.internal.Checkpoint;
import io.github.facenet4j.api.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Trains a {@link TrainableEmbedder} with online triplet mining and a triplet loss, as
 * FaceNet does (Schroff, Kalenichenko, Philbin 2015): each step samples a batch
 * ({@link BatchSampler}, e.g. P identities × K images, §3.2), normalises its pixels as the
 * network's model card will say ({@link Builder#normalisation}), embeds it on the unit
 * sphere, mines triplets inside the batch ({@link TripletMiner} with
 * {@code MiningContext(step, seed)}, §3.2), computes the loss and dL/dE ({@link Loss},
 * eq. 2) and hands the gradient to the backend for one optimiser step at the scheduled
 * learning rate. The trainer is backend-neutral: it never sees the backend's autograd.
 *
 * <p>Around that loop:
 * <ul>
 *   <li>validation every N steps and at the end on a held-out set: VAL at the target FAR
 *       through a verification {@link Evaluator} (FaceNet §4; the evaluator's {@code val} and
 *       {@code far} figures), leave-one-out precision@1 and the embeddings' spread;</li>
 *   <li>collapse detection ({@link CollapseDetection}), reported as events and optionally
 *       ending the run;</li>
 *   <li>a NaN/Inf guard: a non-finite embedding, loss or gradient ends the run before the
 *       optimiser step, and the checkpoint on disk stays the last good one;</li>
 *   <li>checkpoints ({@value #CHECKPOINT_FILE}) every N steps and every M minutes, at the end and on
 *       {@link #requestStop()}, written atomically; a run built with
 *       {@link Builder#resumeFrom(Path)} continues exactly where the checkpoint left off,
 *       because batches, triplets and learning rates depend only on (seed, step);</li>
 *   <li>a JSON-lines log ({@value #LOG_FILE}: one object per step, validation and event),
 *       {@link TrainingListener}s, and an HTML report ({@value #REPORT_FILE}) at the end.</li>
 * </ul>
 */
public final class Trainer {

    /** Checkpoint file in the output directory. */
    public static final String CHECKPOINT_FILE = "checkpoint.zip";
    /** JSON-lines log in the output directory. */
    public static final String LOG_FILE = "training-log.jsonl";
    /** HTML report in the output directory. */
    public static final String REPORT_FILE = "training-report.html";

    private static final String FORMAT = "facenet4j-training-checkpoint";
    private static final long VERSION = 1;

    private final TrainableEmbedder embedder;
    private final TripletMiner miner;
    private final Loss loss;
    private final Dataset train;
    private final BatchSampler sampler;
    private final TrainerConfig config;
    private final InputNormalisation normalisation;
    private final Dataset validation;
    private final int[] validationLabels;
    private final Evaluator evaluator;
    private final Path output;
    private final Path resumeFrom;
    private final List<TrainingListener> listeners;
    private final CollapseMonitor monitor;
    private final FrozenReference frozenReference;

    private final List<StepRecord> steps = new ArrayList<>();
    private final List<ValidationRecord> validations = new ArrayList<>();
    private final List<TrainingEvent> events = new ArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private boolean started;
    private BufferedWriter log;
    private long step;
    private long checkpointStep = -1;
    private Path checkpointPath;
    private long checkpointNanos;
    private double lastBatchSpread = Double.NaN;

    private Trainer(Builder b) {
        this.embedder = b.embedder;
        this.miner = b.miner;
        this.loss = b.loss;
        this.train = b.train;
        this.sampler = b.sampler;
        this.config = b.config;
        this.normalisation = b.normalisation;
        this.validation = b.validation;
        this.evaluator = b.evaluator;
        this.output = b.output;
        this.resumeFrom = b.resumeFrom;
        this.listeners = List.copyOf(b.listeners);
        this.monitor = new CollapseMonitor(config.collapse());
        this.validationLabels = validation == null ? null : validation.labels();
        this.frozenReference = b.frozenReference;
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
        private InputNormalisation normalisation;
        private Dataset validation;
        private Evaluator evaluator;
        private Path output;
        private Path resumeFrom;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private FrozenReference frozenReference;

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
            this.validation = Objects.requireNonNull(heldOut, "heldOut");
            this.evaluator = verification;
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

        /**
         * Mines and computes each step's loss through {@code reference} (FaceNet §7, harmonic
         * training with a frozen older network) instead of over the batch alone.
         */
        public Builder frozenReference(FrozenReference reference) {
            this.frozenReference = Objects.requireNonNull(reference, "reference");
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
                if (!validation.shape().equals(train.shape())) {
                    throw new ConfigurationException("Held-out images are " + validation.shape()
                            + " but training images are " + train.shape());
                }
                long distinct = Arrays.stream(validation.labels()).distinct().count();
                if (distinct < 2 || distinct == validation.size()) {
                    throw new BadInputException("The held-out set (" + validation.description() + ") needs two or"
                            + " more identities and one with two or more images; it has " + validation.size()
                            + " images of " + distinct + " identities");
                }
            }
            return new Trainer(this);
        }
    }

    /** The checkpoint this run writes. */
    public Path checkpointFile() {
        return output.resolve(CHECKPOINT_FILE);
    }

    /** The JSON-lines log this run writes. */
    public Path logFile() {
        return output.resolve(LOG_FILE);
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
     * @throws BadInputException      if a file cannot be read or written
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
            closeLog();
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
            resume();
        }
        openLog();
        for (TrainingListener l : listeners) {
            l.started(step, config);
        }
        if (resumeFrom != null) {
            event(new TrainingEvent(step, TrainingEvent.Kind.RESUMED, "Resumed at step " + step + " from "
                    + resumeFrom));
        }
        long startNanos = System.nanoTime();
        checkpointNanos = startNanos;
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
            String failure = trainStep();
            if (failure != null) {
                return finish(TrainingResult.Outcome.NON_FINITE, failure + "; " + lastGood(), false);
            }
            Optional<TrainingEvent> stuck = monitor.step(step, steps.get(steps.size() - 1).activeFraction());
            if (stuck.isPresent() && stopOnCollapse(stuck.get())) {
                return finish(TrainingResult.Outcome.COLLAPSED, stuck.get().message() + "; " + lastGood(), false);
            }
            if (config.validateEvery() > 0 && step % config.validateEvery() == 0) {
                lastValidated = step;
                String bad = validate();
                if (bad != null) {
                    return finish(TrainingResult.Outcome.NON_FINITE, bad + "; " + lastGood(), false);
                }
                Optional<TrainingEvent> collapse = monitor.spread(step, spreadForCollapse());
                if (collapse.isPresent() && stopOnCollapse(collapse.get())) {
                    return finish(TrainingResult.Outcome.COLLAPSED, collapse.get().message() + "; " + lastGood(),
                            false);
                }
            }
            boolean stepsDue = config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0;
            boolean timeDue = !config.checkpointInterval().isZero()
                    && System.nanoTime() - checkpointNanos >= config.checkpointInterval().toNanos();
            if (stepsDue || timeDue) {
                checkpoint();
            }
        }
        if (outcome != TrainingResult.Outcome.INTERRUPTED && lastValidated != step && validation != null) {
            String bad = validate();
            if (bad != null) {
                return finish(TrainingResult.Outcome.NON_FINITE, bad + "; " + lastGood(), false);
            }
        }
        return finish(outcome, message, true);
    }

    /** One optimisation step; a message when a value was not finite (no step was taken then). */
    private String trainStep() {
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
            String bad = nonFinite(e);
            if (bad != null) {
                return "Training stopped at step " + number + ": the network's embeddings are not finite (" + bad
                        + "); lower the learning rate";
            }
            EmbeddingBatch embeddings = new EmbeddingBatch(e, labels);
            MiningContext context = new MiningContext(step, config.seed());
            LossResult result = frozenReference != null
                    ? frozenReference.mineAndCompute(indices, embeddings, miner, loss, context)
                    : loss.compute(embeddings, miner.mine(embeddings, context).triplets());
            if (!Double.isFinite(result.value())) {
                return "Training stopped at step " + number + ": the loss is " + result.value()
                        + "; lower the learning rate";
            }
            bad = nonFinite(result.gradient());
            if (bad != null) {
                return "Training stopped at step " + number + ": the loss gradient is not finite (" + bad
                        + "); lower the learning rate";
            }
            embedder.learningRate(rate);
            pass.backwardAndStep(result.gradient());
            lastBatchSpread = EmbeddingMetrics.meanSquaredDistance(e);
            record = new StepRecord(number, rate, result.value(), result.totalTriplets(), result.activeTriplets(),
                    lastBatchSpread, (System.nanoTime() - t0) / 1_000_000);
        }
        step = number;
        record(steps, record, record.toJson(), l -> l.step(record));
        return null;
    }

    /** Validates on the held-out set; a message when an embedding was not finite. */
    private String validate() {
        if (validation == null) {
            return null;
        }
        int n = validation.size();
        float[][] e = new float[n][];
        for (int from = 0; from < n; from += config.embedBatchSize()) {
            int to = Math.min(n, from + config.embedBatchSize());
            float[][] part = embedder.embed(validation.batch(from, to, normalisation));
            System.arraycopy(part, 0, e, from, to - from);
        }
        String bad = nonFinite(e);
        if (bad != null) {
            return "Training stopped at step " + step + ": the network's embeddings of the held-out set are not"
                    + " finite (" + bad + "); lower the learning rate";
        }
        double val = Double.NaN;
        double far = Double.NaN;
        double threshold = Double.NaN;
        if (evaluator != null) {
            EvaluationInput input = EvaluationInput.of(new EmbeddingBatch(e, validationLabels))
                    .withOptions(new EvaluationInput.Options(OptionalDouble.of(config.farTarget()), OptionalInt.empty(),
                            Optional.of(EvaluationInput.Metric.L2SQ)));
            EvaluationResult result = evaluator.evaluate(input);
            val = figure(result, "val");
            far = figure(result, "far");
            threshold = figure(result, "threshold");
        }
        ValidationRecord record = new ValidationRecord(step, val, far, threshold,
                EmbeddingMetrics.precisionAtOne(e, validationLabels), EmbeddingMetrics.meanSquaredDistance(e), n);
        record(validations, record, record.toJson(), l -> l.validated(record));
        return null;
    }

    private double spreadForCollapse() {
        return validation != null ? validations.get(validations.size() - 1).spread() : lastBatchSpread;
    }

    private static double figure(EvaluationResult result, String key) {
        Object value = result.metrics().get(key);
        if (!(value instanceof Number number)) {
            throw new ConfigurationException("Evaluator '" + result.evaluator() + "' reports no '" + key
                    + "' figure; validate with the verification evaluator");
        }
        return number.doubleValue();
    }

    /** Where the first non-finite value is, or null. */
    private static String nonFinite(float[][] rows) {
        for (int i = 0; i < rows.length; i++) {
            for (int k = 0; k < rows[i].length; k++) {
                if (!Float.isFinite(rows[i][k])) {
                    return rows[i][k] + " in row " + i + ", component " + k;
                }
            }
        }
        return null;
    }

    private boolean stopOnCollapse(TrainingEvent e) {
        event(e);
        return config.collapse().stop();
    }

    private String lastGood() {
        return checkpointPath == null ? "no checkpoint was written"
                : "the last good checkpoint is " + checkpointPath + " (step " + checkpointStep + ")";
    }

    private TrainingResult finish(TrainingResult.Outcome outcome, String message, boolean saveCheckpoint) {
        if (saveCheckpoint && checkpointStep != step) {
            checkpoint();
        }
        event(new TrainingEvent(step, outcome == TrainingResult.Outcome.NON_FINITE ? TrainingEvent.Kind.NON_FINITE
                : TrainingEvent.Kind.FINISHED, message));
        ValidationRecord last = validations.isEmpty() ? null : validations.get(validations.size() - 1);
        TrainingResult result = new TrainingResult(outcome, step, Optional.ofNullable(last),
                Optional.ofNullable(checkpointPath), checkpointStep, message);
        TrainingReport.write(reportFile(), "facenet4j training: " + miner.name() + " mining, " + loss.name()
                + " loss", history(), result, config);
        closeLog();
        for (TrainingListener l : listeners) {
            l.finished(result);
        }
        return result;
    }

    private void event(TrainingEvent e) {
        record(events, e, e.toJson(), l -> l.event(e));
    }

    /** Adds {@code entry} to the history ({@code kept}), writes its log line, then tells the listeners. */
    private <T> void record(List<T> kept, T entry, Map<String, Object> line, Consumer<TrainingListener> tell) {
        synchronized (this) {
            kept.add(entry);
        }
        writeLog(line);
        for (TrainingListener l : listeners) {
            tell.accept(l);
        }
    }

    // ---- checkpoints ------------------------------------------------------------------------

    private void checkpoint() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("format", FORMAT);
        state.put("version", VERSION);
        state.put("step", step);
        state.put("seed", config.seed());
        state.put("learning_rate", config.schedule().describe());
        state.put("sampler", sampler.state());
        state.put("miner", miner.name());
        state.put("loss", loss.name());
        state.put("frozen_reference", frozenReference == null ? null : frozenReference.describe());
        state.put("embedding_dimension", (long) embedder.dimension());
        state.put("input_normalisation", describe(normalisation));
        state.put("collapse_monitor", monitor.state());
        state.put("config", config.describe());
        Path file = checkpointFile();
        Checkpoint.write(file, state, embedder);
        checkpointPath = file;
        checkpointStep = step;
        checkpointNanos = System.nanoTime();
        event(new TrainingEvent(step, TrainingEvent.Kind.CHECKPOINT, "Checkpoint at step " + step + ": " + file));
    }

    private void resume() {
        Map<String, Object> state = Checkpoint.readTrainer(resumeFrom);
        String where = "The checkpoint " + resumeFrom;
        try {
            if (!FORMAT.equals(state.get("format")) || !Long.valueOf(VERSION).equals(state.get("version"))) {
                throw new BadInputException(resumeFrom + " is not a version " + VERSION + " facenet4j training"
                        + " checkpoint");
            }
            same(where, "seed", state.get("seed"), config.seed());
            same(where, "learning-rate schedule", state.get("learning_rate"), config.schedule().describe());
            same(where, "sampler", state.get("sampler"), sampler.state());
            same(where, "miner", state.get("miner"), miner.name());
            same(where, "loss", state.get("loss"), loss.name());
            same(where, "frozen reference", state.get("frozen_reference"),
                    frozenReference == null ? null : frozenReference.describe());
            same(where, "embedding dimension", state.get("embedding_dimension"), (long) embedder.dimension());
            // checkpoints written before the normalisation was recorded were trained on value / 255
            Object savedNormalisation = state.containsKey("input_normalisation") ? state.get("input_normalisation")
                    : describe(InputNormalisation.unitRange(ChannelOrder.forChannels(train.shape().channels())));
            same(where, "input normalisation", savedNormalisation, describe(normalisation));
            long at = Json.longValue(state, "step");
            Checkpoint.restoreEmbedder(resumeFrom, embedder);
            monitor.restore(Json.objectValue(state, "collapse_monitor"));
            step = at;
            checkpointStep = at;
            checkpointPath = resumeFrom;
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where + " is corrupt: " + e.getMessage());
        }
        readHistory();
    }

    /** The normalisation as JSON-ready values, for the checkpoint and the log. */
    private static Map<String, Object> describe(InputNormalisation n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel_order", n.channelOrder().label());
        m.put("mean", floats(n.mean()));
        m.put("scale", floats(n.scale()));
        return m;
    }

    private static List<Double> floats(float[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (float v : values) {
            list.add((double) v);
        }
        return list;
    }

    /** Refuses a resume whose setting differs from the checkpoint's (compared as JSON). */
    private static void same(String where, String what, Object saved, Object now) {
        Object normalised = Json.parse(Json.write(now));
        if (!Objects.equals(saved, normalised)) {
            throw new ConfigurationException(where + " was written with " + what + " " + Json.write(saved)
                    + ", this run has " + Json.write(normalised) + "; resume with the same settings");
        }
    }

    /** Reloads the log up to the checkpoint's step, dropping what a crashed run wrote after it. */
    private void readHistory() {
        Path file = logFile();
        if (!Files.exists(file)) {
            return;
        }
        List<String> kept = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> m;
                try {
                    m = Json.parseObject(line);
                } catch (IllegalArgumentException e) {
                    continue; // a line cut short by a crash
                }
                if (!(m.get("step") instanceof Long at) || at > step) {
                    continue;
                }
                Object type = m.get("type");
                if ("step".equals(type)) {
                    steps.add(StepRecord.fromJson(m));
                } else if ("validation".equals(type)) {
                    validations.add(ValidationRecord.fromJson(m));
                } else if ("event".equals(type)) {
                    events.add(TrainingEvent.fromJson(m));
                }
                kept.add(line);
            }
            Path temp = file.resolveSibling(LOG_FILE + ".tmp");
            Files.write(temp, kept, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BadInputException("Cannot read the training log " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("The training log " + file + " is corrupt: " + e.getMessage());
        }
    }

    // ---- log ----------------------------------------------------------------------------------

    private void openLog() {
        try {
            log = Files.newBufferedWriter(logFile(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    resumeFrom != null ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            Map<String, Object> start = TrainingHistory.logLine("start", step);
            start.put("miner", miner.name());
            start.put("loss", loss.name());
            start.put("train", train.description());
            start.put("validation", validation == null ? null : validation.description());
            start.put("input_normalisation", describe(normalisation));
            start.put("config", config.describe());
            writeLog(start);
        } catch (IOException e) {
            throw new BadInputException("Cannot write the training log " + logFile() + ": " + e.getMessage(), e);
        }
    }

    private void writeLog(Map<String, Object> line) {
        if (log == null) {
            return;
        }
        try {
            log.write(Json.write(line));
            log.newLine();
            log.flush();
        } catch (IOException e) {
            throw new BadInputException("Cannot write the training log " + logFile() + ": " + e.getMessage(), e);
        }
    }

    private void closeLog() {
        if (log != null) {
            try {
                log.close();
            } catch (IOException e) {
                // every line was flushed when written
            }
            log = null;
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Trainer[%s mining, %s loss, step %d, %s]", miner.name(), loss.name(), step,
                output);
    }
}
