package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.Evaluator;
import io.github.facenet4j.api.Loss;
import io.github.facenet4j.api.LossResult;
import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.MiningResult;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.TrainableEmbedder;
import io.github.facenet4j.api.TripletMiner;
import io.github.facenet4j.api.Triplets;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.InputNormalisation;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.distribution.FolderLock;
import io.github.facenet4j.distribution.runtime.PluginConfigurations;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.models.Architecture;
import io.github.facenet4j.models.Architectures;
import io.github.facenet4j.training.CollapseDetection;
import io.github.facenet4j.training.LearningRateSchedule;
import io.github.facenet4j.training.PkSampler;
import io.github.facenet4j.training.StepRecord;
import io.github.facenet4j.training.Trainer;
import io.github.facenet4j.training.TrainerConfig;
import io.github.facenet4j.training.TrainingEvent;
import io.github.facenet4j.training.TrainingListener;
import io.github.facenet4j.training.TrainingResult;
import io.github.facenet4j.training.ValidationRecord;
import io.github.facenet4j.training.data.Dataset;
import io.github.facenet4j.training.data.DatasetSpec;
import io.github.facenet4j.training.data.FashionMnist;
import io.github.facenet4j.training.data.Splits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code facenet train}: trains an embedding network with the triplet loss (FaceNet §3) on a
 * backend that can train (djl), with a plugin miner, P×K batches and validation on held-out
 * images; writes the trainer's checkpoint, JSON-lines log and HTML report into {@code --out},
 * and at the end the trained graph as ONNX with its model card, so {@code --out} is a model
 * directory for {@code facenet embed --model} and {@code facenet export}.
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

    // ---- harmonic training (FaceNet §7): the seam into HarmonicReference ----
    @Option(names = "--harmonic-with", paramLabel = "V1",
            description = "Train harmonically with the frozen model V1 (an id or a model directory): triplets mixed"
                    + " from this network's and V1's embeddings, so the two can be compared directly; the card"
                    + " declares compatible-with V1.")
    String harmonicWith;
    // ---- end of the harmonic seam ----

    private static final OptionRange DIMENSION = MiningBenchCommand.dimension("--dimension");
    private static final OptionRange TRAIN_SIZE = OptionRange.atLeast("--train-size", 1);
    private static final OptionRange VALIDATION_SIZE = OptionRange.atLeast("--validation-size", 1);
    private static final OptionRange VALIDATE_EVERY = OptionRange.atLeast("--validate-every", 0);
    private static final OptionRange CHECKPOINT_EVERY = OptionRange.atLeast("--checkpoint-every", 0);
    private static final OptionRange COLLAPSE_ACTIVE_STEPS = OptionRange.atLeast("--collapse-active-steps", 0);

    @Override
    public Integer call() {
        checkOptions();
        Architecture architecture = Architectures.get(arch);
        DatasetSpec spec = DatasetSpec.parse(dataset);
        HarmonicReference harmonic = harmonicWith == null ? null
                : HarmonicReference.resolve(harmonicWith, architecture.defaultInput(), dimension);
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
            Backend trainingBackend = runtime.get(Backend.class, backend);
            TripletMiner tripletMiner = runtime.get(TripletMiner.class, miner);
            Loss tripletLoss = runtime.get(Loss.class, loss);
            Evaluator verification = runtime.get(Evaluator.class, "verification");
            Splits.Split split = open(spec, architecture);
            PkSampler sampler = new PkSampler(split.train().labels(), p, k, seed);
            if (sampler.eligibleIdentities() < 2) {
                throw new BadInputException("The training set (" + split.train().description() + ") has "
                        + sampler.eligibleIdentities() + " identities with " + k + " or more images; P×K batches need"
                        + " at least 2 (lower --k)");
            }
            if (p > sampler.eligibleIdentities()) {
                throw new BadInputException("--p " + p + " identities per batch, but the training set has only "
                        + sampler.eligibleIdentities() + " with " + k + " or more images");
            }
            // plugins and data resolved before the output folder is touched: a bad --miner, --backend or
            // --dataset leaves nothing behind; the folder state is read under the lock
            try (FolderLock lock = FolderLock.acquire(out, "--out")) {
                Path checkpoint = out.resolve(Trainer.CHECKPOINT_FILE);
                boolean started = Files.isRegularFile(out.resolve(TrainedModels.SETTINGS_FILE));
                boolean fromCheckpoint = resume && Files.isRegularFile(checkpoint);
                if (resume && !fromCheckpoint && !started) {
                    throw new BadInputException("--resume: no checkpoint at " + checkpoint + " and no run started there;"
                            + " train without --resume to start one");
                }
                TrainerConfig config = config(split.train().size());
                TrainedModels.Settings settings = new TrainedModels.Settings(architecture.name(),
                        architecture.defaultInput().channels(), architecture.defaultInput().height(),
                        architecture.defaultInput().width(), dimension, optimizer.toLowerCase(Locale.ROOT), lr, backend,
                        dataset, miner, seed, zeroShot);
                if (resume) {
                    TrainedModels.readSettings(out).difference(settings).ifPresent(differs -> {
                        throw new ConfigurationException("--resume: the run in " + out + " was trained with " + differs
                                + "; resume with the run's options, or train into another --out");
                    });
                }
                Graph graph = architecture.initialise(architecture.defaultInput(), dimension, seed);
                InputNormalisation normalisation = TrainedModels.normalisation(settings);
                Timings timings = new Timings();
                try (TrainableEmbedder net = new TimedEmbedder(trainingBackend.trainable(graph,
                        settings.optimizerSettings()), timings)) {
                    Progress progress = new Progress(err(), p * k);
                    Trainer.Builder builder = Trainer.builder(net, new TimedMiner(tripletMiner, timings),
                                    new TimedLoss(tripletLoss, timings), split.train(), sampler, config)
                            .validation(split.test(), verification).normalisation(normalisation).output(out)
                            .listener(progress);
                    if (fromCheckpoint) {
                        builder.resumeFrom(checkpoint);
                    }
                    io.github.facenet4j.harmonic.HarmonicTriplets harmonicObjective = harmonic == null ? null
                            : harmonic.objective(runtime, split.train(), out, err());
                    if (harmonicObjective != null) {
                        builder.frozenReference(harmonicObjective);
                    }
                    Trainer trainer = builder.build();
                    if (!fromCheckpoint) {
                        TrainedModels.writeSettings(out, settings);
                    }
                    if (resume && !fromCheckpoint) {
                        err().println("facenet: the run in " + out + " ended before its first checkpoint; starting it"
                                + " again from step 0");
                    }
                    err().println("facenet: training " + architecture.name() + " (" + graph.parameterCount()
                            + " parameters) on " + split.train().size() + " images of " + split.train().identityNames().size()
                            + " identities, validating on " + split.test().size() + "; backend " + backend + ", miner "
                            + miner + ", " + optimizer + " " + lr + ", P×K " + p + "×" + k
                            + (oneThread ? "; one PyTorch thread, so that --seed " + seed + " repeats this run" : ""));
                    err().flush();
                    Thread hook = new Thread(() -> {
                        if (trainer.stopAndWait(Duration.ofMinutes(2))) {
                            err().println();
                            err().println("facenet: interrupted; checkpoint " + checkpoint + " (continue with --resume)");
                        }
                        err().flush();
                        FaceNetCli.drainStandardStreams();
                    }, "facenet-train-stop");
                    Runtime.getRuntime().addShutdownHook(hook);
                    long t0 = System.nanoTime();
                    TrainingResult result;
                    try {
                        result = trainer.run();
                    } finally {
                        try {
                            Runtime.getRuntime().removeShutdownHook(hook);
                        } catch (IllegalStateException shuttingDown) {
                            // the hook is running: it reports the interrupt
                        }
                    }
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    progress.end();
                    if (result.outcome() == TrainingResult.Outcome.INTERRUPTED) {
                        return 130;
                    }
                    Path model = null;
                    if (!result.outcome().failed()) {
                        model = out.resolve(TrainedModels.MODEL_FILE);
                        Graph trained = TrainedModels.withWeights(graph, net.weights());
                        String notes = result.lastValidation().map(v -> String.format(Locale.ROOT,
                                "Validation at step %d on %d held-out images: VAL %.4f at FAR %.5f, leave-one-out"
                                        + " precision@1 %.4f, spread %.3f; threshold %.4f calibrated there at that FAR.",
                                v.step(), v.images(), v.val(), v.far(), v.precisionAt1(), v.spread(), v.threshold()))
                                .orElse("");
                        double threshold = result.lastValidation().map(ValidationRecord::threshold).orElse(Double.NaN);
                        io.github.facenet4j.models.ModelCard card = TrainedModels.card(settings, normalisation,
                                TrainedModels.MODEL_FILE, result.steps(), threshold, notes);
                        TrainedModels.writeModel(trained, harmonic == null ? card : harmonic.declareCompatible(card),
                                model);
                    }
                    if (harmonicObjective != null) {
                        err().println("facenet: harmonic-triplet with v1 " + harmonic.reference() + ": "
                                + harmonicObjective.tally().describe());
                    }
                    summary(result, progress, timings, seconds, model);
                    return result.outcome().failed() ? 1 : 0;
                }
            }
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

    private TrainerConfig config(int trainImages) {
        long stepLimit = steps != null ? steps
                : epochs != null ? Math.max(1, (long) Math.ceil(epochs * trainImages / (double) (p * k))) : 0;
        Duration budget = minutes != null ? Duration.ofMillis(Math.round(minutes * 60_000)) : Duration.ZERO;
        LearningRateSchedule rates = schedule != null ? LearningRateSchedule.parse(schedule)
                : new LearningRateSchedule.Constant(lr);
        // semi-hard (without fallback) and batch-all mine only triplets with a positive hinge: an active
        // fraction of 1 is what they do, not a sign of collapse; the spread signal still watches them
        long activeSteps = miner.equals("semi-hard") || miner.equals("batch-all") ? 0 : collapseActiveSteps;
        CollapseDetection collapse = new CollapseDetection(0.05, 2, activeSteps, 0.001, stopOnCollapse);
        return new TrainerConfig(stepLimit, budget, validateEvery, checkpointEvery,
                Duration.ofMillis(Math.round(checkpointMinutes * 60_000)), rates, seed, far, 256, collapse);
    }

    /** Training and held-out images as the options ask. */
    private Splits.Split open(DatasetSpec spec, Architecture architecture) {
        Dataset train;
        Dataset test;
        if (spec.kind() == DatasetSpec.Kind.FASHION_MNIST) {
            train = FashionMnist.loadTrain(spec.directory());
            test = FashionMnist.loadTest(spec.directory());
            if (!train.shape().equals(architecture.defaultInput())) {
                throw new ConfigurationException(train.description() + " has images of " + train.shape()
                        + " but " + architecture.name() + " takes " + architecture.defaultInput());
            }
            if (zeroShot) {
                int half = train.identityNames().size() / 2;
                train = where(train, label -> label < half, " classes 0–" + (half - 1));
                test = where(test, label -> label >= half, " classes " + half + "–"
                        + (test.identityNames().size() - 1));
            }
        } else {
            Dataset all = spec.open(architecture.defaultInput());
            Splits.Split split;
            if (zeroShot) {
                int n = all.identityNames().size();
                Set<Integer> held = new HashSet<>();
                IntStream.range(n / 2, n).forEach(held::add);
                split = Splits.byIdentity(all, held);
            } else {
                split = Splits.bySample(all, 0.2, seed);
            }
            train = split.train();
            test = split.test();
        }
        return new Splits.Split(sample(train, trainSize, seed), sample(test, validationSize, seed + 1));
    }

    private static Dataset where(Dataset d, java.util.function.IntPredicate keep, String what) {
        int[] indices = IntStream.range(0, d.size()).filter(i -> keep.test(d.label(i))).toArray();
        return d.subset(indices, d.description() + what);
    }

    /** {@code d}, or a seeded random {@code size} of its images; {@code null} (the option not given) is all. */
    private static Dataset sample(Dataset d, Integer size, long seed) {
        if (size == null || size >= d.size()) {
            return d;
        }
        List<Integer> all = new ArrayList<>(IntStream.range(0, d.size()).boxed().toList());
        java.util.Collections.shuffle(all, new Random(seed));
        int[] chosen = all.subList(0, size).stream().mapToInt(Integer::intValue).sorted().toArray();
        return d.subset(chosen, d.description() + ", " + size + " sampled");
    }

    private void summary(TrainingResult result, Progress progress, Timings t, double seconds, Path model) {
        long runSteps = progress.steps;
        double perStep = runSteps == 0 ? 0 : 1.0 / runSteps / 1e6;
        double trainSeconds = t.stepNanos() / 1e9;
        double imagesPerSecond = trainSeconds == 0 ? 0 : runSteps * (double) (p * k) / trainSeconds;
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
        s.put("message", result.message());
        s.put("steps", result.steps());
        s.put("steps_this_run", runSteps);
        s.put("seconds", round(seconds, 1));
        s.put("images_per_second", round(imagesPerSecond, 0));
        s.put("ms_per_step", round(runSteps == 0 ? 0 : trainSeconds * 1000 / runSteps, 2));
        Map<String, Object> ms = new LinkedHashMap<>();
        ms.put("forward", round(t.forward * perStep, 2));
        ms.put("mining", round(t.mining * perStep, 2));
        ms.put("loss", round(t.loss * perStep, 2));
        ms.put("backward_and_step", round(t.backward * perStep, 2));
        s.put("ms_per_step_by_part", ms);
        s.put("validation_seconds", round(t.validation / 1e9, 1));
        result.lastValidation().ifPresent(v -> {
            s.put("validation_step", v.step());
            s.put("val", v.val());
            s.put("far", v.far());
            s.put("precision_at_1", v.precisionAt1());
            s.put("spread", v.spread());
            s.put("validation_images", v.images());
        });
        s.put("collapse_events", progress.warnings);
        s.put("checkpoint", result.checkpoint().map(Path::toString).orElse(null));
        s.put("model", model == null ? null : model.toString());
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(Json.writePretty(s));
        } else {
            o.println(result.message());
            o.printf(Locale.ROOT, "steps %d (%d this run) in %.1f s: %.1f ms per step, %.0f images/s"
                            + " (forward %.2f + mining %.2f + loss %.2f + backward/step %.2f ms; validation %.1f s)%n",
                    result.steps(), runSteps, seconds, (double) s.get("ms_per_step"), imagesPerSecond,
                    t.forward * perStep, t.mining * perStep, t.loss * perStep, t.backward * perStep,
                    t.validation / 1e9);
            result.lastValidation().ifPresent(v -> o.printf(Locale.ROOT,
                    "validation at step %d on %d images: VAL %.4f at FAR %.5f, precision@1 %.4f, spread %.3f%n",
                    v.step(), v.images(), v.val(), v.far(), v.precisionAt1(), v.spread()));
            if (!progress.warnings.isEmpty()) {
                o.println("collapse/stall reported " + progress.warnings.size() + " time(s): " + progress.warnings.get(0));
            }
            o.println("wrote " + out.resolve(Trainer.LOG_FILE) + ", " + out.resolve(Trainer.REPORT_FILE)
                    + (model == null ? "" : ", " + out.resolve(io.github.facenet4j.models.ModelCard.FILE_NAME) + " + "
                    + model.getFileName()));
        }
        o.flush();
        if (result.outcome().failed()) {
            err().println("facenet: " + result.message());
            err().flush();
        }
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Nanoseconds spent in each part of the training steps of this run. */
    static final class Timings {
        long forward;
        long mining;
        long loss;
        long backward;
        long validation;

        long stepNanos() {
            return forward + mining + loss + backward;
        }
    }

    /**
     * The step line on stderr, rewritten in place twice a second on a terminal; without one
     * (output to a file or a pipe) a whole line every 30 s, so logs stay readable. Collapse and
     * stall reports go on lines of their own.
     */
    private static final class Progress implements TrainingListener {
        private final PrintWriter err;
        private final int batch;
        private final boolean interactive = System.console() != null;
        private final long intervalNanos = interactive ? 500_000_000L : 30_000_000_000L;
        private final List<String> warnings = new ArrayList<>();
        private long steps;
        private long windowStart = System.nanoTime();
        private long lastPrint = windowStart - intervalNanos;
        private long windowSteps;
        private double rate;
        private String validation = "-";
        private boolean dirty;

        Progress(PrintWriter err, int batch) {
            this.err = err;
            this.batch = batch;
        }

        @Override
        public void step(StepRecord r) {
            steps++;
            windowSteps++;
            long now = System.nanoTime();
            if (now - windowStart >= 2_000_000_000L) {
                rate = windowSteps * (double) batch / ((now - windowStart) / 1e9);
                windowStart = now;
                windowSteps = 0;
            }
            if (now - lastPrint >= intervalNanos) {
                lastPrint = now;
                err.printf(Locale.ROOT, "%sstep %d  loss %.4f  active %d/%d  %s  %.0f img/s%s", interactive ? "\r" : "",
                        r.step(), r.loss(), r.activeTriplets(), r.triplets(), validation, rate,
                        interactive ? "   " : "\n");
                err.flush();
                dirty = interactive;
            }
        }

        @Override
        public void validated(ValidationRecord v) {
            validation = String.format(Locale.ROOT, "VAL@%.0e %.3f P@1 %.3f", v.far(), v.val(), v.precisionAt1());
            windowStart = System.nanoTime();
            windowSteps = 0;
        }

        @Override
        public void event(TrainingEvent e) {
            if (e.kind().warning()) {
                end();
                String line = e.kind().name().toLowerCase(Locale.ROOT) + " detected at step " + e.step() + ": "
                        + e.message();
                warnings.add(line);
                err.println("facenet: " + line);
                err.flush();
            }
        }

        void end() {
            if (dirty) {
                err.println();
                err.flush();
                dirty = false;
            }
        }
    }

    /** Times forward, backward/step and validation embedding of a trainable network. */
    private static final class TimedEmbedder implements TrainableEmbedder {
        private final TrainableEmbedder d;
        private final Timings t;

        TimedEmbedder(TrainableEmbedder d, Timings t) {
            this.d = d;
            this.t = t;
        }

        @Override
        public TrainingPass forward(TensorBatch batch) {
            long t0 = System.nanoTime();
            TrainingPass pass = d.forward(batch);
            float[][] e = pass.embeddings();
            t.forward += System.nanoTime() - t0;
            return new TrainingPass() {
                @Override
                public float[][] embeddings() {
                    return e;
                }

                @Override
                public void backwardAndStep(float[][] lossGradient) {
                    long t1 = System.nanoTime();
                    pass.backwardAndStep(lossGradient);
                    t.backward += System.nanoTime() - t1;
                }

                @Override
                public void close() {
                    pass.close();
                }
            };
        }

        @Override
        public void learningRate(double learningRate) {
            d.learningRate(learningRate);
        }

        @Override
        public Map<String, Tensor> weights() {
            return d.weights();
        }

        @Override
        public void writeState(OutputStream out) throws IOException {
            d.writeState(out);
        }

        @Override
        public void readState(InputStream in) throws IOException {
            d.readState(in);
        }

        @Override
        public int dimension() {
            return d.dimension();
        }

        @Override
        public float[][] embed(TensorBatch batch) {
            long t0 = System.nanoTime();
            try {
                return d.embed(batch);
            } finally {
                t.validation += System.nanoTime() - t0;
            }
        }

        @Override
        public void close() {
            d.close();
        }
    }

    private record TimedMiner(TripletMiner d, Timings t) implements TripletMiner {
        @Override
        public String name() {
            return d.name();
        }

        @Override
        public MiningResult mine(EmbeddingBatch batch, MiningContext context) {
            long t0 = System.nanoTime();
            try {
                return d.mine(batch, context);
            } finally {
                t.mining += System.nanoTime() - t0;
            }
        }
    }

    private record TimedLoss(Loss d, Timings t) implements Loss {
        @Override
        public String name() {
            return d.name();
        }

        @Override
        public LossResult compute(EmbeddingBatch batch, Triplets triplets) {
            long t0 = System.nanoTime();
            try {
                return d.compute(batch, triplets);
            } finally {
                t.loss += System.nanoTime() - t0;
            }
        }
    }
}
