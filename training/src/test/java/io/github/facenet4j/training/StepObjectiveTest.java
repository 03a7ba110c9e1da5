package io.github.facenet4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.LossResult;
import io.github.facenet4j.mining.internal.SemiHardConfig;
import io.github.facenet4j.mining.internal.SemiHardMiner;
import io.github.facenet4j.training.internal.Checkpoint;
import io.github.facenet4j.training.internal.TripletLoss;
import io.github.facenet4j.training.internal.TripletLossConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seam of what a step computes: an objective of one's own sees each batch and replaces the default. */
class StepObjectiveTest {

    @TempDir
    Path dir;

    /** Passes each batch on to FaceNet's objective, keeping what it was given. */
    static final class Watching implements StepObjective {
        final StepObjective inner = StepObjective.minedTriplets(new SemiHardMiner(SemiHardConfig.defaults()),
                new TripletLoss(TripletLossConfig.defaults()), TrainerTest.config(1).seed());
        final List<StepBatch> seen = new ArrayList<>();

        @Override
        public String name() {
            return "watching";
        }

        @Override
        public LossResult compute(StepBatch batch) {
            seen.add(batch);
            return inner.compute(batch);
        }
    }

    @Test
    void anObjectiveSeesEachBatchAsTheNetworkDidAndCanStandInForTheDefault() {
        LinearEmbedder plain = new LinearEmbedder(TrainerTest.DIMENSION, TrainerTest.INPUTS, 1);
        TrainerTest.builder(plain, TrainerTest.config(12), dir.resolve("plain")).build().run();

        Watching watching = new Watching();
        LinearEmbedder watched = new LinearEmbedder(TrainerTest.DIMENSION, TrainerTest.INPUTS, 1);
        TrainerTest.builder(watched, TrainerTest.config(12), dir.resolve("watched")).objective(watching).build().run();

        assertThat(watched.w).as("the same computation as the default").containsExactly(plain.w);
        assertThat(watching.seen).extracting(StepBatch::step).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L,
                10L, 11L);
        PkSampler sampler = new PkSampler(TrainerTest.SPLIT.train().labels(), 6, 6, 9);
        for (StepBatch b : watching.seen) {
            assertThat(b.indices()).containsExactly(sampler.batch(b.step()));
            for (int row = 0; row < b.indices().length; row++) {
                float[] image = TrainerTest.SPLIT.train().image(b.indices()[row]); // AS_IS: (v − 0) / 1
                assertThat(Arrays.copyOfRange(b.images().data(), row * TrainerTest.INPUTS,
                        (row + 1) * TrainerTest.INPUTS)).containsExactly(image);
                assertThat(b.embeddings().labels()[row]).isEqualTo(TrainerTest.SPLIT.train().label(b.indices()[row]));
            }
        }
    }

    @Test
    void theCheckpointRecordsAnObjectiveOfOnesOwnAndAResumeWithoutItIsRefused() {
        Path run = dir.resolve("run");
        TrainerTest.builder(new LinearEmbedder(TrainerTest.DIMENSION, TrainerTest.INPUTS, 1), TrainerTest.config(10),
                run).objective(new Watching()).build().run();
        Path checkpoint = run.resolve(Trainer.CHECKPOINT_FILE);
        assertThat(Checkpoint.readTrainer(checkpoint).get("objective")).isEqualTo("watching");

        assertThatThrownBy(() -> TrainerTest.builder(new LinearEmbedder(TrainerTest.DIMENSION, TrainerTest.INPUTS, 1),
                TrainerTest.config(20), run).resumeFrom(checkpoint).build()).isInstanceOf(ConfigurationException.class)
                .hasMessage("The checkpoint " + checkpoint + " was written with objective \"watching\", this run has"
                        + " \"mined-triplets\"; resume with the same settings");
        TrainingResult again = TrainerTest.builder(new LinearEmbedder(TrainerTest.DIMENSION, TrainerTest.INPUTS, 1),
                TrainerTest.config(20), run).objective(new Watching()).resumeFrom(checkpoint).build().run();
        assertThat(again.steps()).isEqualTo(20);
    }
}
