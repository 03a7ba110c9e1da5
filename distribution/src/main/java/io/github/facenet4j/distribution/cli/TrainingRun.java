package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Evaluator;
import io.github.facenet4j.api.Loss;
import io.github.facenet4j.api.TrainableEmbedder;
import io.github.facenet4j.api.TripletMiner;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.InputNormalisation;
import io.github.facenet4j.distribution.FolderLock;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.harmonic.HarmonicTriplets;
import io.github.facenet4j.training.PkSampler;
import io.github.facenet4j.training.Trainer;
import io.github.facenet4j.training.TrainerConfig;
import io.github.facenet4j.training.TrainingResult;
import io.github.facenet4j.training.Validation;
import io.github.facenet4j.training.data.Splits;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One {@code facenet train} run of a {@link TrainingPlan}: resolves the plugins and the data
 * before the output folder is touched (a bad --miner, --backend, --evaluator or --dataset
 * leaves nothing behind), then under the folder's lock builds the trainer, runs it with a
 * shutdown hook that checkpoints on Ctrl-C, exports the trained model ({@link TrainedModelExport})
 * and prints the summary ({@link TrainingSummary}).
 */
final class TrainingRun {

    private final TrainingPlan plan;
    private final PluginRuntime runtime;
    private final boolean oneThread;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    /**
     * @param oneThread whether the djl backend was put on one intra-op thread for the seed's sake
     *                  (the start line says so)
     */
    TrainingRun(TrainingPlan plan, PluginRuntime runtime, boolean oneThread, PrintWriter out, PrintWriter err,
                boolean json) {
        this.plan = plan;
        this.runtime = runtime;
        this.oneThread = oneThread;
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /** @return the exit code: 0, 1 for a failed run (collapse, NaN), 130 when interrupted */
    Integer call() {
        Backend trainingBackend = runtime.get(Backend.class, plan.backend());
        TripletMiner tripletMiner = runtime.get(TripletMiner.class, plan.miner());
        Loss tripletLoss = runtime.get(Loss.class, plan.loss());
        Evaluator evaluator = runtime.get(Evaluator.class, plan.evaluator());
        Splits.Split split = plan.split().open(plan.data(), plan.architecture().defaultInput(),
                plan.architecture().name());
        Validation validation = new Validation(split.test(), evaluator);
        validation.check(split.train());
        PkSampler sampler = new PkSampler(split.train().labels(), plan.p(), plan.k(), plan.seed());
        if (sampler.eligibleIdentities() < 2) {
            throw new BadInputException("The training set (" + split.train().description() + ") has "
                    + sampler.eligibleIdentities() + " identities with " + plan.k() + " or more images; P×K batches"
                    + " need at least 2 (lower --k)");
        }
        if (plan.p() > sampler.eligibleIdentities()) {
            throw new BadInputException("--p " + plan.p() + " identities per batch, but the training set has only "
                    + sampler.eligibleIdentities() + " with " + plan.k() + " or more images");
        }
        Path dir = plan.out();
        // the folder state is read under the lock
        try (FolderLock lock = FolderLock.acquire(dir, "--out")) {
            Path checkpoint = dir.resolve(Trainer.CHECKPOINT_FILE);
            boolean started = Files.isRegularFile(dir.resolve(TrainedModels.SETTINGS_FILE));
            boolean fromCheckpoint = plan.resume() && Files.isRegularFile(checkpoint);
            if (plan.resume() && !fromCheckpoint && !started) {
                throw new BadInputException("--resume: no checkpoint at " + checkpoint + " and no run started there;"
                        + " train without --resume to start one");
            }
            TrainerConfig config = plan.config(split.train().size());
            TrainedModels.Settings settings = plan.settings();
            if (plan.resume()) {
                TrainedModels.readSettings(dir).difference(settings).ifPresent(differs -> {
                    throw new ConfigurationException("--resume: the run in " + dir + " was trained with " + differs
                            + "; resume with the run's options, or train into another --out");
                });
            }
            Graph graph = plan.architecture().initialise(plan.architecture().defaultInput(), plan.dimension(),
                    plan.seed());
            InputNormalisation normalisation = TrainedModels.normalisation(settings);
            StepTimings timings = new StepTimings();
            try (TrainableEmbedder net = timings.embedder(trainingBackend.trainable(graph,
                    settings.optimizerSettings()))) {
                TrainingProgress progress = new TrainingProgress(err, plan.p() * plan.k());
                Trainer.Builder builder = Trainer.builder(net, timings.miner(tripletMiner), timings.loss(tripletLoss),
                                split.train(), sampler, config)
                        .validation(validation).normalisation(normalisation).output(dir).listener(progress);
                if (fromCheckpoint) {
                    builder.resumeFrom(checkpoint);
                }
                Optional<HarmonicTriplets> harmonic = plan.harmonic().map(v1 -> v1.objective(runtime, split.train(),
                        dir, err, timings.miner(tripletMiner), timings.loss(tripletLoss), plan.seed()));
                harmonic.ifPresent(builder::objective);
                Trainer trainer = builder.build();
                if (!fromCheckpoint) {
                    TrainedModels.writeSettings(dir, settings);
                }
                if (plan.resume() && !fromCheckpoint) {
                    err.println("facenet: the run in " + dir + " ended before its first checkpoint; starting it"
                            + " again from step 0");
                }
                err.println("facenet: training " + plan.architecture().name() + " (" + graph.parameterCount()
                        + " parameters) on " + split.train().size() + " images of "
                        + split.train().identityNames().size() + " identities, validating on " + split.test().size()
                        + "; backend " + plan.backend() + ", miner " + plan.miner() + ", " + plan.optimizer() + " "
                        + plan.learningRate() + ", P×K " + plan.p() + "×" + plan.k()
                        + (oneThread ? "; one PyTorch thread, so that --seed " + plan.seed() + " repeats this run" : ""));
                err.flush();
                long t0 = System.nanoTime();
                TrainingResult result = runStoppable(trainer, checkpoint);
                double seconds = (System.nanoTime() - t0) / 1e9;
                progress.end();
                if (result.outcome() == TrainingResult.Outcome.INTERRUPTED) {
                    return 130;
                }
                Path model = null;
                if (!result.outcome().failed()) {
                    model = new TrainedModelExport(dir, settings, normalisation)
                            .write(graph, net.weights(), result, plan.training(result.steps(),
                                    TrainedModelExport.margin(tripletLoss)), plan.harmonic().map(HarmonicReference::card));
                }
                harmonic.ifPresent(h -> err.println("facenet: " + HarmonicTriplets.NAME + " with v1 "
                        + plan.harmonic().get().reference() + ": " + h.tally().describe()));
                new TrainingSummary(out, err, json, plan.p() * plan.k(), dir).print(result, progress, timings, seconds,
                        model);
                return result.outcome().failed() ? 1 : 0;
            }
        }
    }

    /** Runs {@code trainer} with a shutdown hook that stops it at a checkpoint on Ctrl-C. */
    private TrainingResult runStoppable(Trainer trainer, Path checkpoint) {
        Thread hook = new Thread(() -> {
            if (trainer.stopAndWait(Duration.ofMinutes(2))) {
                err.println();
                err.println("facenet: interrupted; checkpoint " + checkpoint + " (continue with --resume)");
            }
            err.flush();
            FaceNetCli.drainStandardStreams();
        }, "facenet-train-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return trainer.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it reports the interrupt
            }
        }
    }
}
