package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.distribution.runtime.PluginConfigurations;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.models.Architecture;
import io.github.facenet4j.models.Architectures;
import io.github.facenet4j.training.CollapseDetection;
import io.github.facenet4j.training.LearningRateSchedule;
import io.github.facenet4j.training.TrainerConfig;
import io.github.facenet4j.training.data.DatasetSpec;
import io.github.facenet4j.training.data.TrainingSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code facenet train}: trains an embedding network with the triplet loss (FaceNet §3) on a
 * backend that can train (djl), with a plugin miner, P×K batches and validation on held-out
 * images; writes the trainer's checkpoint, JSON-lines log and HTML report into {@code --out},
 * and at the end the trained graph as ONNX with its model card, so {@code --out} is a model
 * directory for {@code facenet embed --model} and {@code facenet export}.
 *
 * <p>This class is the options: it checks them and turns them into a {@link TrainingPlan};
 * {@link TrainingRun} carries the plan out.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an embedding network with the triplet loss (P×K batches, a plugin miner) and write a"
                + " model directory: checkpoint, training-log.jsonl, training-report.html, model-card.json + model.onnx.")
public final class TrainCommand extends PluginCommand {

    /** The djl backend's setting of PyTorch's intra-op threads. */
    private static final String INTRA_OP_THREADS = "intra-op-threads";

    @Mixin
    DeviceOption device = new DeviceOption();

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "djl",
            description = "Backend that trains (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--dataset", paramLabel = "SPEC", defaultValue = "fashion-mnist",
            description = "fashion-mnist[:DIR] (official train/test parts), mnist:DIR or folder:DIR (20%% of each"
                    + " identity held out) (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--arch", paramLabel = "NAME", defaultValue = "small-cnn",
            description = "Architecture (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--dimension", paramLabel = "D", defaultValue = "64",
            description = "Embedding dimension (default: ${DEFAULT-VALUE}).")
    int dimension;

    @Option(names = "--miner", paramLabel = "NAME", defaultValue = "semi-hard",
            description = "Triplet miner: semi-hard, hardest, batch-all, random, curriculum (default: ${DEFAULT-VALUE}).")
    String miner;

    @Option(names = "--loss", paramLabel = "NAME", defaultValue = "triplet",
            description = "Loss plugin (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Train for N passes over the training images (N·images / (P·K) steps).")
    Double epochs;

    @Option(names = "--minutes", paramLabel = "M", description = "Train for M minutes of wall-clock time.")
    Double minutes;

    @Option(names = "--steps", paramLabel = "N", description = "Train until step N (counting steps before a resume).")
    Long steps;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--resume", description = "Continue the run saved in DIR/checkpoint.zip (same options); a run"
            + " that ended before its first checkpoint starts again from step 0.")
    boolean resume;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE})."
            + " Given, the djl backend runs PyTorch on one intra-op thread unless its configuration sets"
            + " intra-op-threads, so two runs with one seed agree step by step (more threads add in a varying order).")
    long seed;

    @Option(names = "--optimizer", paramLabel = "adam|adagrad|sgd", defaultValue = "adam",
            description = "Optimiser (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3",
            description = "Learning rate (default: ${DEFAULT-VALUE}; FaceNet's AdaGrad used 0.05).")
    double lr;

    @Option(names = "--schedule", paramLabel = "SPEC",
            description = "Learning-rate schedule: constant:RATE, step:RATE:FACTOR:EVERY, cosine:RATE:MIN:STEPS"
                    + " (default: constant at --lr).")
    String schedule;

    @Option(names = "--p", paramLabel = "P", defaultValue = "10",
            description = "Identities per batch (default: ${DEFAULT-VALUE}).")
    int p;

    @Option(names = "--k", paramLabel = "K", defaultValue = "32",
            description = "Images per identity in a batch (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--validate-every", paramLabel = "STEPS", defaultValue = "500",
            description = "Validate on the held-out images every STEPS steps and at the end; 0 = only at the end"
                    + " (default: ${DEFAULT-VALUE}).")
    long validateEvery;

    @Option(names = "--checkpoint-every", paramLabel = "STEPS", defaultValue = "500",
            description = "Checkpoint every STEPS steps, at the end and on Ctrl-C; 0 = only at the end and on Ctrl-C"
                    + " (default: ${DEFAULT-VALUE}).")
    long checkpointEvery;

    @Option(names = "--checkpoint-minutes", paramLabel = "M", defaultValue = "1",
            description = "Also checkpoint when M minutes have passed since the last checkpoint, so a killed run"
                    + " loses at most M minutes (0 = by steps only) (default: ${DEFAULT-VALUE}).")
    double checkpointMinutes;

    @Option(names = "--far", paramLabel = "RATE", defaultValue = "1e-3",
            description = "FAR at which validation reports VAL (default: ${DEFAULT-VALUE}).")
    double far;

    @Option(names = "--evaluator", paramLabel = "NAME", defaultValue = "verification",
            description = "Evaluator plugin that validation reads VAL at --far from (default: ${DEFAULT-VALUE}).")
    String evaluator;

    @Option(names = "--zero-shot", description = "Train on the first half of the identities (Fashion-MNIST classes"
            + " 0–4) and validate on the other half (5–9).")
    boolean zeroShot;

    @Option(names = "--train-size", paramLabel = "N",
            description = "Use a seeded random subset of N ≥ 1 training images (default: all).")
    Integer trainSize;

    @Option(names = "--validation-size", paramLabel = "N",
            description = "Validate on a seeded random subset of N ≥ 1 held-out images (default: all).")
    Integer validationSize;

    @Option(names = "--stop-on-collapse", description = "End the run when collapse is detected (default: report it"
            + " and go on).")
    boolean stopOnCollapse;

    @Option(names = "--collapse-active-steps", paramLabel = "STEPS", defaultValue = "200",
            description = "Report collapse when the active-triplet fraction stays at 1 (or 0) for STEPS steps"
                    + " (0 = off; semi-hard and batch-all mine only active triplets, so it is off there) (default:"
                    + " ${DEFAULT-VALUE}).")
    long collapseActiveSteps;

    @Option(names = "--harmonic-with", paramLabel = "V1",
            description = "Train harmonically with the frozen model V1 (an id or a model directory): triplets mixed"
                    + " from this network's and V1's embeddings (FaceNet §7), so the two can be compared directly;"
                    + " the card declares compatible-with V1.")
    String harmonicWith;

    private static final OptionRange DIMENSION = MiningBenchCommand.dimension("--dimension");
    private static final OptionRange TRAIN_SIZE = OptionRange.atLeast("--train-size", 1);
    private static final OptionRange VALIDATION_SIZE = OptionRange.atLeast("--validation-size", 1);
    private static final OptionRange VALIDATE_EVERY = OptionRange.atLeast("--validate-every", 0);
    private static final OptionRange CHECKPOINT_EVERY = OptionRange.atLeast("--checkpoint-every", 0);
    private static final OptionRange COLLAPSE_ACTIVE_STEPS = OptionRange.atLeast("--collapse-active-steps", 0);

    @Override
    public Integer call() {
        checkOptions();
        TrainingPlan plan = plan();
        if (resume && !Files.isDirectory(out)) {
            // before the lock, which would create the folder
            throw new BadInputException("--resume: " + out + " does not exist; train without --resume to start a"
                    + " run there");
        }
        PluginConfigurations configurations = device.apply(runtimeOptions.configurations(), backend);
        boolean oneThread = false;
        if (this.spec.commandLine().getParseResult().hasMatchedOption("--seed") && backend.equals("djl")) {
            PluginConfigurations seeded = configurations.withDefault(PluginKind.BACKEND.configurationPid(backend),
                    INTRA_OP_THREADS, "1");
            oneThread = seeded != configurations;
            configurations = seeded;
        }
        try (PluginRuntime runtime = runtimeOptions.start(configurations)) {
            return new TrainingRun(plan, runtime, oneThread, spec.commandLine().getOut(), spec.commandLine().getErr(),
                    json).call();
        }
    }

    private void checkOptions() {
        int limits = (epochs != null ? 1 : 0) + (minutes != null ? 1 : 0) + (steps != null ? 1 : 0);
        if (limits != 1) {
            throw new ConfigurationException("Give exactly one of --epochs, --minutes or --steps"
                    + (limits == 0 ? "" : " (got " + limits + ")"));
        }
        if (epochs != null && !(epochs > 0 && Double.isFinite(epochs))) {
            throw new ConfigurationException("--epochs must be > 0, got " + epochs);
        }
        if (minutes != null && !(minutes > 0 && Double.isFinite(minutes))) {
            throw new ConfigurationException("--minutes must be > 0, got " + minutes);
        }
        if (steps != null && steps < 1) {
            throw new ConfigurationException("--steps must be ≥ 1, got " + steps);
        }
        if (p < 2 || k < 2) {
            throw new ConfigurationException("--p and --k must be ≥ 2 (triplets need two identities and two images of"
                    + " one), got " + p + "×" + k);
        }
        if ((long) p * k > MiningBenchCommand.MAX_BATCH) {
            throw new ConfigurationException("--p × --k, the batch, must be ≤ " + MiningBenchCommand.MAX_BATCH
                    + " (the miner's n × n distance matrix), got " + p + "×" + k);
        }
        DIMENSION.check(dimension);
        if (!List.of("adam", "adagrad", "sgd").contains(optimizer.toLowerCase(Locale.ROOT))) {
            throw new ConfigurationException("Unknown optimizer '" + optimizer + "'. Known: adam, adagrad, sgd");
        }
        if (!(checkpointMinutes >= 0 && Double.isFinite(checkpointMinutes))) {
            throw new ConfigurationException("--checkpoint-minutes must be ≥ 0 (0 = by steps only), got "
                    + checkpointMinutes);
        }
        TRAIN_SIZE.checkIfGiven(trainSize);
        VALIDATION_SIZE.checkIfGiven(validationSize);
        VALIDATE_EVERY.check(validateEvery);
        CHECKPOINT_EVERY.check(checkpointEvery);
        COLLAPSE_ACTIVE_STEPS.check(collapseActiveSteps);
    }

    /** The checked options as a plan; unknown architecture, data set or schedule names fail here, in one line. */
    private TrainingPlan plan() {
        Architecture architecture = Architectures.get(arch);
        DatasetSpec data = DatasetSpec.parse(dataset);
        LearningRateSchedule rates = schedule != null ? LearningRateSchedule.parse(schedule)
                : new LearningRateSchedule.Constant(lr);
        // with --epochs the steps follow from the training set's size (TrainingPlan.config); 1 stands in until then
        long stepLimit = steps != null ? steps : epochs != null ? 1 : 0;
        Duration budget = minutes != null ? Duration.ofMillis(Math.round(minutes * 60_000)) : Duration.ZERO;
        // semi-hard (without fallback) and batch-all mine only triplets with a positive hinge: an active
        // fraction of 1 is what they do, not a sign of collapse; the spread signal still watches them
        long activeSteps = miner.equals("semi-hard") || miner.equals("batch-all") ? 0 : collapseActiveSteps;
        CollapseDetection collapse = new CollapseDetection(0.05, 2, activeSteps, 0.001, stopOnCollapse);
        TrainerConfig config = new TrainerConfig(stepLimit, budget, validateEvery, checkpointEvery,
                Duration.ofMillis(Math.round(checkpointMinutes * 60_000)), rates, seed, far, 256, collapse);
        TrainingSplit split = new TrainingSplit(zeroShot, optional(trainSize), optional(validationSize), seed);
        // v1 is checked (same input, same dimension, a real model) before anything is written
        Optional<HarmonicReference> harmonic = harmonicWith == null ? Optional.empty()
                : Optional.of(HarmonicReference.resolve(harmonicWith, architecture.defaultInput(), dimension));
        return new TrainingPlan(architecture, dataset, data, split, dimension, backend, miner, loss, evaluator,
                optimizer, lr, p, k, seed, out, resume, epochs == null ? OptionalDouble.empty()
                : OptionalDouble.of(epochs), config, harmonic);
    }

    private static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
