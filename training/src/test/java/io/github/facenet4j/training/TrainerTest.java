package io.github.facenet4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.Loss;
import io.github.facenet4j.api.LossResult;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.TrainableEmbedder;
import io.github.facenet4j.api.TripletMiner;
import io.github.facenet4j.api.Triplets;
import io.github.facenet4j.api.nn.InputNormalisation;
import io.github.facenet4j.api.nn.InputNormalisation.ChannelOrder;
import io.github.facenet4j.evaluators.internal.VerificationConfig;
import io.github.facenet4j.evaluators.internal.VerificationEvaluator;
import io.github.facenet4j.mining.internal.HardestConfig;
import io.github.facenet4j.mining.internal.HardestMiner;
import io.github.facenet4j.mining.internal.SemiHardConfig;
import io.github.facenet4j.mining.internal.SemiHardMiner;
import io.github.facenet4j.training.data.Dataset;
import io.github.facenet4j.training.data.Splits;
import io.github.facenet4j.training.internal.Checkpoint;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.training.internal.TripletLoss;
import io.github.facenet4j.training.internal.TripletLossConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    /** 20 identities × 24 images; identities 0–11 train, 12–19 are held out (zero-shot). */
    static final Dataset DATA = new ClusteredData(20, 24, 4, 12, 2.0, 11);
    static final Splits.Split SPLIT = Splits.byIdentity(DATA, Set.copyOf(IntStream.range(12, 20).boxed().toList()));
    static final int INPUTS = 16;
    static final int DIMENSION = 8;
    /** ClusteredData's values are not pixels: the network takes them as they are, (v − 0) / 1. */
    static final InputNormalisation AS_IS = new InputNormalisation(ChannelOrder.GRAY, new float[] {0}, new float[] {1});

    @TempDir
    Path dir;

    static TrainerConfig config(long steps) {
        return TrainerConfig.defaults(steps).withSchedule(new LearningRateSchedule.Constant(0.05))
                .withValidateEvery(10).withCheckpointEvery(10).withSeed(5);
    }

    static Trainer.Builder builder(TrainableEmbedder embedder, TrainerConfig config, Path output) {
        return builder(embedder, new TripletLoss(TripletLossConfig.defaults()), config, output);
    }

    static Trainer.Builder builder(TrainableEmbedder embedder, Loss loss, TrainerConfig config, Path output) {
        return Trainer.builder(embedder, new SemiHardMiner(SemiHardConfig.defaults()), loss, SPLIT.train(),
                        new PkSampler(SPLIT.train().labels(), 6, 6, 9), config)
                .validation(SPLIT.test(), new VerificationEvaluator(VerificationConfig.defaults()))
                .normalisation(AS_IS).output(output);
    }

    static double precisionAtOne(TrainableEmbedder embedder, Dataset set, InputNormalisation normalisation) {
        float[][] e = embedder.embed(set.batch(0, set.size(), normalisation));
        return EmbeddingMetrics.precisionAtOne(e, set.labels());
    }

    @Test
    void trainingImprovesPrecisionAndValOnUnseenIdentities() throws Exception {
        LinearEmbedder embedder = new LinearEmbedder(DIMENSION, INPUTS, 1);
        double before = precisionAtOne(embedder, SPLIT.test(), AS_IS);
        Trainer trainer = builder(embedder, config(300).withValidateEvery(50), dir).build();
        TrainingResult result = trainer.run();

        assertThat(result.outcome()).isEqualTo(TrainingResult.Outcome.COMPLETED);
        assertThat(result.steps()).isEqualTo(300);
        List<ValidationRecord> v = trainer.history().validations();
        assertThat(v).extracting(ValidationRecord::step).containsExactly(50L, 100L, 150L, 200L, 250L, 300L);
        ValidationRecord last = result.lastValidation().orElseThrow();
        assertThat(before).isLessThan(0.4);
        assertThat(last.precisionAt1()).isGreaterThan(0.9).isEqualTo(precisionAtOne(embedder, SPLIT.test(), AS_IS));
        assertThat(last.val()).isGreaterThan(0.5).isGreaterThan(v.get(0).val() + 0.3);
        assertThat(last.far()).isLessThanOrEqualTo(1e-3);
        assertThat(last.threshold()).isGreaterThan(0).isLessThanOrEqualTo(4);
        assertThat(result.checkpoint()).contains(dir.resolve(Trainer.CHECKPOINT_FILE));
        assertThat(result.checkpointStep()).isEqualTo(300);
        assertThat(Files.readString(trainer.reportFile())).contains("<svg", "precision@1", "VAL @ FAR 1e-03");
    }

    @Test
    void resumeFromACheckpointGivesBitIdenticalWeights() throws Exception {
        LinearEmbedder straight = new LinearEmbedder(DIMENSION, INPUTS, 1);
        Path a = dir.resolve("a");
        TrainingResult reference = builder(straight, config(30), a).build().run();

        Path b = dir.resolve("b");
        builder(new LinearEmbedder(DIMENSION, INPUTS, 1), config(20), b).build().run();
        // a fresh embedder with other weights: everything must come from the checkpoint
        LinearEmbedder resumed = new LinearEmbedder(DIMENSION, INPUTS, 99);
        Trainer second = builder(resumed, config(30), b).resumeFrom(b.resolve(Trainer.CHECKPOINT_FILE)).build();
        TrainingResult result = second.run();

        assertThat(result.steps()).isEqualTo(30);
        assertThat(resumed.w).containsExactly(straight.w);
        assertThat(result.lastValidation()).isEqualTo(reference.lastValidation());
        assertThat(second.history().steps()).extracting(StepRecord::step)
                .containsExactlyElementsOf(LongStreamOf(1, 30));
        assertThat(lossesOf(second.history())).containsExactlyElementsOf(lossesOf(readLog(a)));
        assertThat(readLog(b).steps()).extracting(StepRecord::step).containsExactlyElementsOf(LongStreamOf(1, 30));
    }

    @Test
    void interruptWritesACheckpointAndResumeContinuesExactly() {
        LinearEmbedder straight = new LinearEmbedder(DIMENSION, INPUTS, 1);
        builder(straight, config(30), dir.resolve("a")).build().run();

        Path b = dir.resolve("b");
        Trainer[] first = new Trainer[1];
        first[0] = builder(new LinearEmbedder(DIMENSION, INPUTS, 1), config(30), b).listener(new TrainingListener() {
            @Override
            public void step(StepRecord record) {
                if (record.step() == 13) {
                    first[0].requestStop();
                }
            }
        }).build();
        TrainingResult stopped = first[0].run();
        assertThat(stopped.outcome()).isEqualTo(TrainingResult.Outcome.INTERRUPTED);
        assertThat(stopped.steps()).isEqualTo(13);
        assertThat(stopped.checkpointStep()).isEqualTo(13);
        assertThat(Checkpoint.readTrainer(b.resolve(Trainer.CHECKPOINT_FILE)).get("step")).isEqualTo(13L);

        LinearEmbedder resumed = new LinearEmbedder(DIMENSION, INPUTS, 7);
        builder(resumed, config(30), b).resumeFrom(b.resolve(Trainer.CHECKPOINT_FILE)).build().run();
        assertThat(resumed.w).containsExactly(straight.w);
    }

    @Test
    void afterACrashTheLogIsCutBackToTheCheckpoint() {
        LinearEmbedder straight = new LinearEmbedder(DIMENSION, INPUTS, 1);
        builder(straight, config(30), dir.resolve("a")).build().run();

        Path b = dir.resolve("b");
        Trainer crashing = builder(new LinearEmbedder(DIMENSION, INPUTS, 1), config(30), b)
                .listener(new TrainingListener() {
                    @Override
                    public void step(StepRecord record) {
                        if (record.step() == 15) {
                            throw new IllegalStateException("simulated crash");
                        }
                    }
                }).build();
        assertThatThrownBy(crashing::run).hasMessage("simulated crash");
        assertThat(readLog(b).steps()).hasSize(15);
        assertThat(b.resolve(Trainer.CHECKPOINT_FILE + ".tmp")).doesNotExist();

        LinearEmbedder resumed = new LinearEmbedder(DIMENSION, INPUTS, 3);
        Trainer second = builder(resumed, config(30), b).resumeFrom(b.resolve(Trainer.CHECKPOINT_FILE)).build();
        second.run();
        assertThat(resumed.w).containsExactly(straight.w);
        assertThat(readLog(b).steps()).extracting(StepRecord::step).containsExactlyElementsOf(LongStreamOf(1, 30));
        assertThat(readLog(b).events()).extracting(TrainingEvent::kind).contains(TrainingEvent.Kind.RESUMED);
    }

    @Test
    void resumeRefusesOtherSettingsAndCorruptFiles() throws Exception {
        builder(new LinearEmbedder(DIMENSION, INPUTS, 1), config(10), dir).build().run();
        Path checkpoint = dir.resolve(Trainer.CHECKPOINT_FILE);
        assertThatThrownBy(() -> builder(new LinearEmbedder(DIMENSION, INPUTS, 1), config(20).withSeed(6), dir)
                .resumeFrom(checkpoint).build()).isInstanceOf(ConfigurationException.class)
                .hasMessage("The checkpoint " + checkpoint + " was written with seed 5, this run has 6;"
                        + " resume with the same settings");
        assertThatThrownBy(() -> builder(new LinearEmbedder(DIMENSION, INPUTS, 1),
                config(20).withSchedule(new LearningRateSchedule.Constant(0.1)), dir).resumeFrom(checkpoint).build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("learning-rate schedule");

        Path garbage = dir.resolve("garbage.zip");
        Files.writeString(garbage, "not a zip");
        assertThatThrownBy(() -> builder(new LinearEmbedder(DIMENSION, INPUTS, 1), config(20), dir.resolve("c"))
                .resumeFrom(garbage).build()).isInstanceOf(BadInputException.class)
                .hasMessage(garbage + " is not a facenet4j training checkpoint (not a zip file)");
        assertThatThrownBy(() -> builder(new LinearEmbedder(DIMENSION, INPUTS, 1), config(20), dir.resolve("d"))
                .resumeFrom(dir.resolve("none.zip")).build()).isInstanceOf(BadInputException.class)
                .hasMessage("Checkpoint not found: " + dir.resolve("none.zip"));
    }

    @Test
    void refusesToOverwriteAnotherRun() {
        builder(new LinearEmbedder(DIMENSION, INPUTS, 1), config(2), dir).build().run();
        assertThatThrownBy(() -> builder(new LinearEmbedder(DIMENSION, INPUTS, 1), config(2), dir).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("already holds a training run");
    }

    @Test
    void aFolderWhoseRunEndedBeforeItsFirstCheckpointCanBeTrainedAgainWithAFreshLog() throws Exception {
        Files.writeString(dir.resolve(Trainer.LOG_FILE), "{\"type\":\"step\",\"step\":348}\n");
        TrainingResult result = builder(new LinearEmbedder(DIMENSION, INPUTS, 1), config(3), dir).build().run();

        assertThat(result.steps()).isEqualTo(3);
        assertThat(Files.readString(dir.resolve(Trainer.LOG_FILE))).doesNotContain("\"step\":348");
        assertThat(readLog(dir).steps()).extracting(StepRecord::step).containsExactly(1L, 2L, 3L);
    }

    @Test
    void checkpointsByTimeBetweenStepCheckpoints() {
        List<Long> at = new ArrayList<>();
        TrainingListener checkpoints = new TrainingListener() {
            @Override
            public void event(TrainingEvent e) {
                if (e.kind() == TrainingEvent.Kind.CHECKPOINT) {
                    at.add(e.step());
                }
            }
        };
        // an interval shorter than any step: a checkpoint after every step, none from the step count
        builder(new LinearEmbedder(DIMENSION, INPUTS, 1), config(5).withCheckpointEvery(0)
                .withCheckpointInterval(Duration.ofNanos(1)), dir.resolve("timed")).listener(checkpoints).build().run();
        assertThat(at).containsExactly(1L, 2L, 3L, 4L, 5L);
        at.clear();
        builder(new LinearEmbedder(DIMENSION, INPUTS, 1), config(5).withCheckpointEvery(0)
                .withCheckpointInterval(Duration.ZERO), dir.resolve("end")).listener(checkpoints).build().run();
        assertThat(at).containsExactly(5L);
        assertThatThrownBy(() -> config(5).withCheckpointInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The checkpoint interval must not be negative (zero = by steps only), got PT-1S");
    }

    @Test
    void nonFiniteEmbeddingsStopTheRunAndKeepTheLastGoodCheckpoint() {
        LinearEmbedder embedder = new LinearEmbedder(DIMENSION, INPUTS, 1) {
            @Override
            public TrainingPass forward(TensorBatch batch) {
                TrainingPass pass = super.forward(batch);
                if (forwards < 5) {
                    return pass;
                }
                return new TrainingPass() {
                    @Override
                    public float[][] embeddings() {
                        float[][] e = pass.embeddings();
                        e[3][1] = Float.NaN;
                        return e;
                    }

                    @Override
                    public void backwardAndStep(float[][] lossGradient) {
                        throw new AssertionError("no step may follow a NaN");
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
        List<double[]> snapshots = new ArrayList<>();
        Trainer trainer = builder(embedder, config(20).withCheckpointEvery(2), dir).listener(new TrainingListener() {
            @Override
            public void step(StepRecord record) {
                snapshots.add(embedder.w.clone());
            }
        }).build();
        TrainingResult result = trainer.run();

        Path checkpoint = dir.resolve(Trainer.CHECKPOINT_FILE);
        assertThat(result.outcome()).isEqualTo(TrainingResult.Outcome.NON_FINITE);
        assertThat(result.steps()).isEqualTo(4);
        assertThat(result.message()).isEqualTo("Training stopped at step 5: the network's embeddings are not finite"
                + " (NaN in row 3, component 1); lower the learning rate; the last good checkpoint is " + checkpoint
                + " (step 4)");
        assertThat(result.checkpoint()).contains(checkpoint);
        assertThat(Checkpoint.readTrainer(checkpoint).get("step")).isEqualTo(4L);
        LinearEmbedder restored = new LinearEmbedder(DIMENSION, INPUTS, 2);
        Checkpoint.restoreEmbedder(checkpoint, restored);
        assertThat(restored.w).containsExactly(snapshots.get(3));
        TrainingHistory log = readLog(dir);
        assertThat(log.steps()).hasSize(4);
        assertThat(log.events().get(log.events().size() - 1).kind()).isEqualTo(TrainingEvent.Kind.NON_FINITE);
    }

    @Test
    void nonFiniteLossStopsBeforeTheStep() {
        TripletLoss real = new TripletLoss(TripletLossConfig.defaults());
        Loss nanAtThirdCall = new Loss() {
            int calls;

            @Override
            public String name() {
                return "nan-at-3";
            }

            @Override
            public LossResult compute(EmbeddingBatch batch, Triplets triplets) {
                LossResult r = real.compute(batch, triplets);
                return ++calls == 3 ? new LossResult(Double.POSITIVE_INFINITY, r.gradient(), r.activeTriplets(),
                        r.totalTriplets()) : r;
            }
        };
        LinearEmbedder embedder = new LinearEmbedder(DIMENSION, INPUTS, 1);
        TrainingResult result = builder(embedder, nanAtThirdCall, config(20), dir).build().run();
        assertThat(result.outcome()).isEqualTo(TrainingResult.Outcome.NON_FINITE);
        assertThat(result.steps()).isEqualTo(2);
        assertThat(result.checkpoint()).isEmpty();
        assertThat(result.message()).isEqualTo("Training stopped at step 3: the loss is Infinity; lower the learning"
                + " rate; no checkpoint was written");
        assertThat(dir.resolve(Trainer.CHECKPOINT_FILE)).doesNotExist();
    }

    @Test
    void collapsingEmbeddingsAreDetectedAndStopTheRun() {
        CollapsingEmbedder embedder = new CollapsingEmbedder(12);
        TrainerConfig config = config(100).withValidateEvery(2)
                .withCollapse(new CollapseDetection(0.05, 3, 0, 0.001, true));
        Trainer trainer = builder(embedder, config, dir).build();
        TrainingResult result = trainer.run();

        assertThat(result.outcome()).isEqualTo(TrainingResult.Outcome.COLLAPSED);
        List<ValidationRecord> v = trainer.history().validations();
        int n = v.size();
        // fired at the third validation in a row below the threshold, not before
        assertThat(v.subList(n - 3, n)).allSatisfy(r -> assertThat(r.spread()).isLessThan(0.05));
        assertThat(v.get(n - 4).spread()).isGreaterThanOrEqualTo(0.05);
        assertThat(v.get(0).spread()).isGreaterThan(1.5);
        assertThat(result.steps()).isEqualTo(v.get(n - 1).step()).isLessThan(30);
        TrainingEvent collapse = trainer.history().events().stream()
                .filter(e -> e.kind() == TrainingEvent.Kind.COLLAPSE).findFirst().orElseThrow();
        assertThat(collapse.step()).isEqualTo(result.steps());
        assertThat(collapse.message()).startsWith("Collapse at step " + result.steps()
                + ": the embeddings' mean squared distance has stayed below 0.05 for 3 validations");
        assertThat(result.message()).startsWith(collapse.message());
    }

    @Test
    void everyTripletStayingActiveIsReportedWithoutStopping() {
        CollapsingEmbedder embedder = new CollapsingEmbedder(5);
        TrainerConfig config = config(40).withCollapse(new CollapseDetection(0, 1, 10, 0.001, false));
        TripletMiner hardest = new HardestMiner(HardestConfig.defaults());
        List<TrainingEvent> warnings = new ArrayList<>();
        Trainer trainer = Trainer.builder(embedder, hardest, new TripletLoss(TripletLossConfig.defaults()),
                        SPLIT.train(), new PkSampler(SPLIT.train().labels(), 6, 6, 9), config)
                .normalisation(AS_IS).output(dir).listener(new TrainingListener() {
                    @Override
                    public void event(TrainingEvent event) {
                        if (event.kind().warning()) {
                            warnings.add(event);
                        }
                    }
                }).build();
        TrainingResult result = trainer.run();
        assertThat(result.outcome()).isEqualTo(TrainingResult.Outcome.COMPLETED);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).kind()).isEqualTo(TrainingEvent.Kind.COLLAPSE);
        assertThat(warnings.get(0).message()).contains("every mined triplet has been active for 10 steps");
        // the ten steps before the warning were all fully active
        List<StepRecord> steps = trainer.history().steps();
        long at = warnings.get(0).step();
        assertThat(steps.subList((int) at - 10, (int) at)).allSatisfy(s -> assertThat(s.activeFraction()).isEqualTo(1.0));
    }

    @Test
    void timeBudgetEndsTheRun() {
        TrainerConfig config = config(1).withTimeBudget(Duration.ofMillis(300)).withSteps(0).withValidateEvery(0);
        TrainingResult result = builder(new LinearEmbedder(DIMENSION, INPUTS, 1), config, dir).build().run();
        assertThat(result.outcome()).isEqualTo(TrainingResult.Outcome.TIME_BUDGET);
        assertThat(result.steps()).isPositive();
        assertThat(result.lastValidation().orElseThrow().step()).isEqualTo(result.steps());
        assertThat(result.checkpointStep()).isEqualTo(result.steps());
    }

    @Test
    void stopAndWaitFromAnotherThreadEndsWithACheckpoint() throws Exception {
        CountDownLatch running = new CountDownLatch(3);
        Trainer trainer = builder(new LinearEmbedder(DIMENSION, INPUTS, 1), config(1_000_000), dir)
                .listener(new TrainingListener() {
                    @Override
                    public void step(StepRecord record) {
                        running.countDown();
                    }
                }).build();
        CompletableFuture<TrainingResult> run = CompletableFuture.supplyAsync(trainer::run);
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(trainer.stopAndWait(Duration.ofSeconds(30))).isTrue();
        TrainingResult result = run.get(30, TimeUnit.SECONDS);
        assertThat(result.outcome()).isEqualTo(TrainingResult.Outcome.INTERRUPTED);
        assertThat(Checkpoint.readTrainer(dir.resolve(Trainer.CHECKPOINT_FILE)).get("step")).isEqualTo(result.steps());
    }

    @Test
    void logHasOneJsonObjectPerStepValidationAndEvent() throws Exception {
        List<Object> heard = new ArrayList<>();
        Trainer trainer = builder(new LinearEmbedder(DIMENSION, INPUTS, 1), config(20), dir)
                .listener(new TrainingListener() {
                    @Override
                    public void step(StepRecord record) {
                        heard.add(record);
                    }

                    @Override
                    public void validated(ValidationRecord record) {
                        heard.add(record);
                    }

                    @Override
                    public void event(TrainingEvent event) {
                        heard.add(event);
                    }
                }).build();
        trainer.run();
        List<String> lines = Files.readAllLines(trainer.logFile(), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1 + heard.size());
        Map<String, Object> start = Json.parseObject(lines.get(0));
        assertThat(start).containsEntry("type", "start").containsEntry("miner", "semi-hard");
        assertThat(Json.objectValue(start, "config")).containsEntry("seed", 5L);
        Map<String, Object> step3 = Json.parseObject(lines.get(3));
        assertThat(step3.keySet()).containsExactly("type", "step", "lr", "loss", "triplets", "active",
                "active_fraction", "spread", "ms");
        assertThat(step3).containsEntry("step", 3L).containsEntry("lr", 0.05);
        TrainingHistory log = readLog(dir);
        assertThat(log.steps()).hasSize(20);
        assertThat(log.validations()).extracting(ValidationRecord::step).containsExactly(10L, 20L);
        assertThat(log.events()).extracting(TrainingEvent::kind).containsExactly(TrainingEvent.Kind.CHECKPOINT,
                TrainingEvent.Kind.CHECKPOINT, TrainingEvent.Kind.FINISHED);
        assertThat(log).isEqualTo(trainer.history());
        assertThat(new ArrayList<Object>(log.steps())).isEqualTo(heard.stream().filter(StepRecord.class::isInstance).toList());
    }

    @Test
    void heldOutSetMustAllowValidation() {
        Dataset singles = SPLIT.test().subset(new int[] {0, 24, 48}, "one image per identity");
        assertThatThrownBy(() -> Trainer.builder(new LinearEmbedder(DIMENSION, INPUTS, 1),
                        new SemiHardMiner(SemiHardConfig.defaults()), new TripletLoss(TripletLossConfig.defaults()),
                        SPLIT.train(), new PkSampler(SPLIT.train().labels(), 6, 6, 9), config(10))
                .validation(singles, null).normalisation(AS_IS).output(dir).build())
                .isInstanceOf(BadInputException.class)
                .hasMessage("The held-out set (one image per identity) needs two or more identities and one with two"
                        + " or more images; it has 3 images of 3 identities");
        assertThatThrownBy(() -> Trainer.builder(new LinearEmbedder(DIMENSION, INPUTS, 1),
                        new SemiHardMiner(SemiHardConfig.defaults()), new TripletLoss(TripletLossConfig.defaults()),
                        SPLIT.train(), new PkSampler(SPLIT.train().labels(), 6, 6, 9), config(10)).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("output directory");
    }

    @Test
    void theNetworkIsFedTheImagesNormalisedAsTheCardWillSay() {
        List<float[]> fed = new ArrayList<>();
        LinearEmbedder embedder = new LinearEmbedder(DIMENSION, INPUTS, 1) {
            @Override
            public TrainingPass forward(TensorBatch batch) {
                fed.add(batch.data().clone());
                return super.forward(batch);
            }
        };
        InputNormalisation halved = new InputNormalisation(ChannelOrder.GRAY, new float[] {1}, new float[] {2});
        PkSampler sampler = new PkSampler(SPLIT.train().labels(), 6, 6, 9);
        Trainer.builder(embedder, new SemiHardMiner(SemiHardConfig.defaults()),
                        new TripletLoss(TripletLossConfig.defaults()), SPLIT.train(), sampler, config(1))
                .normalisation(halved).output(dir).build().run();

        int[] first = sampler.batch(0);
        float[] expected = new float[first.length * INPUTS];
        for (int r = 0; r < first.length; r++) {
            float[] image = SPLIT.train().image(first[r]);
            for (int k = 0; k < INPUTS; k++) {
                expected[r * INPUTS + k] = (image[k] - 1) / 2;
            }
        }
        assertThat(fed).hasSize(1);
        assertThat(fed.get(0)).containsExactly(expected);
    }

    @Test
    void theNormalisationIsRequiredFitsTheImagesAndMustMatchOnResume() {
        assertThatThrownBy(() -> Trainer.builder(new LinearEmbedder(DIMENSION, INPUTS, 1),
                        new SemiHardMiner(SemiHardConfig.defaults()), new TripletLoss(TripletLossConfig.defaults()),
                        SPLIT.train(), new PkSampler(SPLIT.train().labels(), 6, 6, 9), config(10)).output(dir).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The trainer needs the input normalisation the trained model's card will carry"
                        + " (Builder.normalisation)");
        assertThatThrownBy(() -> builder(new LinearEmbedder(DIMENSION, INPUTS, 1), config(10), dir)
                        .normalisation(InputNormalisation.unitRange(ChannelOrder.RGB)).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Training images are 1×1×16 but the input normalisation (rgb (value − [0.0, 0.0, 0.0]) /"
                        + " [255.0, 255.0, 255.0]) is for 3 channel(s)");

        builder(new LinearEmbedder(DIMENSION, INPUTS, 1), config(10), dir).build().run();
        Path checkpoint = dir.resolve(Trainer.CHECKPOINT_FILE);
        assertThatThrownBy(() -> builder(new LinearEmbedder(DIMENSION, INPUTS, 1), config(20), dir)
                .normalisation(InputNormalisation.unitRange(ChannelOrder.GRAY)).resumeFrom(checkpoint).build()).isInstanceOf(ConfigurationException.class)
                .hasMessage("The checkpoint " + checkpoint + " was written with input normalisation"
                        + " {\"channel_order\":\"gray\",\"mean\":[0.0],\"scale\":[1.0]}, this run has"
                        + " {\"channel_order\":\"gray\",\"mean\":[0.0],\"scale\":[255.0]}; resume with the same settings");
    }

    @Test
    void aCheckpointFromBeforeTheNormalisationWasRecordedResumesAsValueOver255() {
        builder(new LinearEmbedder(DIMENSION, INPUTS, 1), config(10), dir).build().run();
        Path checkpoint = dir.resolve(Trainer.CHECKPOINT_FILE);
        Map<String, Object> state = new java.util.LinkedHashMap<>(Checkpoint.readTrainer(checkpoint));
        assertThat(state.remove("input_normalisation")).isNotNull();
        LinearEmbedder restored = new LinearEmbedder(DIMENSION, INPUTS, 1);
        Checkpoint.restoreEmbedder(checkpoint, restored);
        Checkpoint.write(checkpoint, state, restored);

        assertThatThrownBy(() -> builder(new LinearEmbedder(DIMENSION, INPUTS, 1), config(20), dir).resumeFrom(checkpoint).build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("was written with input normalisation"
                        + " {\"channel_order\":\"gray\",\"mean\":[0.0],\"scale\":[255.0]}");
        TrainingResult resumed = builder(new LinearEmbedder(DIMENSION, INPUTS, 1), config(20), dir)
                .normalisation(InputNormalisation.unitRange(ChannelOrder.GRAY)).resumeFrom(checkpoint).build().run();
        assertThat(resumed.outcome()).isEqualTo(TrainingResult.Outcome.COMPLETED);
        assertThat(resumed.steps()).isEqualTo(20);
    }

    static TrainingHistory readLog(Path output) {
        List<StepRecord> steps = new ArrayList<>();
        List<ValidationRecord> validations = new ArrayList<>();
        List<TrainingEvent> events = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(output.resolve(Trainer.LOG_FILE))) {
                Map<String, Object> m = Json.parseObject(line);
                switch ((String) m.get("type")) {
                    case "step" -> steps.add(StepRecord.fromJson(m));
                    case "validation" -> validations.add(ValidationRecord.fromJson(m));
                    case "event" -> events.add(TrainingEvent.fromJson(m));
                    default -> { }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new TrainingHistory(steps, validations, events);
    }

    static List<Double> lossesOf(TrainingHistory h) {
        return h.steps().stream().map(StepRecord::loss).toList();
    }

    static List<Long> LongStreamOf(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
    }

    /**
     * Test double that collapses: its embeddings are the linear map's, pulled towards one
     * fixed point by t = min(1, steps / stepsToCollapse) and renormalised, so the spread
     * shrinks step by step to zero.
     */
    static final class CollapsingEmbedder extends LinearEmbedder {
        private final int stepsToCollapse;
        private int steps;

        CollapsingEmbedder(int stepsToCollapse) {
            super(DIMENSION, INPUTS, 1);
            this.stepsToCollapse = stepsToCollapse;
        }

        private float[][] pull(float[][] e) {
            double t = Math.min(1.0, (double) steps / stepsToCollapse);
            for (float[] row : e) {
                double norm = 0;
                for (int k = 0; k < row.length; k++) {
                    row[k] = (float) ((1 - t) * row[k] + t * (k == 0 ? 1 : 0));
                    norm += row[k] * row[k];
                }
                for (int k = 0; k < row.length; k++) {
                    row[k] = (float) (row[k] / Math.sqrt(norm));
                }
            }
            return e;
        }

        @Override
        public float[][] embed(TensorBatch batch) {
            return pull(super.embed(batch));
        }

        @Override
        public TrainingPass forward(TensorBatch batch) {
            TrainingPass pass = super.forward(batch);
            return new TrainingPass() {
                @Override
                public float[][] embeddings() {
                    return pull(pass.embeddings());
                }

                @Override
                public void backwardAndStep(float[][] lossGradient) {
                    steps++;
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
