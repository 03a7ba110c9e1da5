package io.github.facenet4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.Loss;
import io.github.facenet4j.api.LossResult;
import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.TripletMiner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer's seam for harmonic training: each step's mining and loss go through the frozen reference. */
class FrozenReferenceTest {

    @TempDir
    Path dir;

    /** Records what each step hands it, then mines and computes as the trainer alone would. */
    private static final class Recording implements FrozenReference {
        final List<int[]> indices = new ArrayList<>();
        final List<MiningContext> contexts = new ArrayList<>();
        final String name;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public LossResult mineAndCompute(int[] trainingIndices, EmbeddingBatch trainable, TripletMiner miner, Loss loss,
                                         MiningContext context) {
            indices.add(trainingIndices.clone());
            contexts.add(context);
            return loss.compute(trainable, miner.mine(trainable, context).triplets());
        }

        @Override
        public String describe() {
            return name;
        }
    }

    @Test
    void everyStepGoesThroughTheReferenceWithItsBatchIndicesAndGivesTheSameRunAsWithout() {
        Recording reference = new Recording("recording");
        LinearEmbedder through = new LinearEmbedder(TrainerTest.DIMENSION, TrainerTest.INPUTS, 1);
        TrainerTest.builder(through, TrainerTest.config(12), dir.resolve("a")).frozenReference(reference).build().run();
        LinearEmbedder plain = new LinearEmbedder(TrainerTest.DIMENSION, TrainerTest.INPUTS, 1);
        TrainerTest.builder(plain, TrainerTest.config(12), dir.resolve("b")).build().run();

        PkSampler sampler = new PkSampler(TrainerTest.SPLIT.train().labels(), 6, 6, 9);
        assertThat(reference.indices).hasSize(12);
        for (int s = 0; s < 12; s++) {
            assertThat(reference.indices.get(s)).containsExactly(sampler.batch(s));
            assertThat(reference.contexts.get(s)).isEqualTo(new MiningContext(s, 5));
        }
        assertThat(through.w).containsExactly(plain.w);
    }

    @Test
    void aCheckpointResumesOnlyWithTheSameReference() {
        Path run = dir.resolve("run");
        TrainerTest.builder(new LinearEmbedder(TrainerTest.DIMENSION, TrainerTest.INPUTS, 1), TrainerTest.config(10),
                run).frozenReference(new Recording("harmonic-triplet with v1@1")).build().run();
        Path checkpoint = run.resolve(Trainer.CHECKPOINT_FILE);
        assertThatThrownBy(() -> TrainerTest.builder(new LinearEmbedder(TrainerTest.DIMENSION, TrainerTest.INPUTS, 1),
                TrainerTest.config(20), run).resumeFrom(checkpoint).build().run())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("frozen reference");
        assertThatThrownBy(() -> TrainerTest.builder(new LinearEmbedder(TrainerTest.DIMENSION, TrainerTest.INPUTS, 1),
                TrainerTest.config(20), run).frozenReference(new Recording("harmonic-triplet with v1@2"))
                .resumeFrom(checkpoint).build().run())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("v1@2");
        TrainingResult resumed = TrainerTest.builder(new LinearEmbedder(TrainerTest.DIMENSION, TrainerTest.INPUTS, 1),
                TrainerTest.config(20), run).frozenReference(new Recording("harmonic-triplet with v1@1"))
                .resumeFrom(checkpoint).build().run();
        assertThat(resumed.steps()).isEqualTo(20);
    }
}
