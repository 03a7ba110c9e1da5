package io.github.facenet4j.harmonic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.LossResult;
import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.MiningResult;
import io.github.facenet4j.api.RandomCases;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.TripletMiner;
import io.github.facenet4j.api.Triplets;
import io.github.facenet4j.mining.internal.SemiHardConfig;
import io.github.facenet4j.mining.internal.SemiHardMiner;
import io.github.facenet4j.training.StepBatch;
import io.github.facenet4j.training.internal.TripletLoss;
import io.github.facenet4j.training.internal.TripletLossConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarmonicTripletsTest {

    private static final String SHA = "0".repeat(64);

    /** A miner that mines with {@code mine}. */
    private static TripletMiner miner(java.util.function.BiFunction<EmbeddingBatch, MiningContext, MiningResult> mine) {
        return new TripletMiner() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public MiningResult mine(EmbeddingBatch batch, MiningContext context) {
                return mine.apply(batch, context);
            }
        };
    }

    @Test
    void oneStepMinesOverBothVersionsLooksUpTheReferenceByTrainingIndexAndReturnsV2RowsOnly() {
        RandomCases.check(10, random -> {
            int images = 40;
            int d = 4;
            float[][] reference = HarmonicBatchTest.unitRows(random, images, d);
            ReferenceEmbeddings v1 = new ReferenceEmbeddings(new ReferenceKey("v1@1", "test", SHA, images, d), reference);
            int[] indices = random.ints(12, 0, images).toArray();
            EmbeddingBatch v2 = HarmonicBatchTest.randomBatch(random, 12, d, 3);
            List<EmbeddingBatch> seen = new ArrayList<>();
            SemiHardMiner semiHard = new SemiHardMiner(SemiHardConfig.defaults());
            TripletMiner recording = miner((batch, context) -> {
                seen.add(batch);
                return semiHard.mine(batch, context);
            });
            TripletLoss loss = new TripletLoss(TripletLossConfig.defaults());
            HarmonicTriplets objective = new HarmonicTriplets(v1, recording, loss, 5);
            LossResult result = objective.compute(step(3, indices, v2));

            EmbeddingBatch joint = seen.get(0);
            assertThat(joint.size()).isEqualTo(24);
            for (int i = 0; i < 12; i++) {
                assertThat(joint.embeddings()[12 + i]).isSameAs(reference[indices[i]]);
                assertThat(joint.embeddings()[i]).isSameAs(v2.embeddings()[i]);
            }
            HarmonicBatch expectedBatch = HarmonicBatch.of(v2, v1.rows(indices));
            HarmonicBatch.Selection expected = expectedBatch.keepTrainable(
                    semiHard.mine(expectedBatch.joint(), new MiningContext(3, 5)).triplets());
            LossResult direct = loss.compute(expectedBatch.joint(), expected.kept());
            assertThat(result.value()).isEqualTo(direct.value());
            assertThat(result.totalTriplets()).isEqualTo(expected.kept().size());
            assertThat(result.gradient()).hasNumberOfRows(12).isDeepEqualTo(java.util.Arrays.copyOf(direct.gradient(), 12));
            HarmonicTriplets.Tally tally = objective.tally();
            assertThat(tally.steps()).isEqualTo(1);
            assertThat(tally.dropped()).isEqualTo(expected.dropped());
            assertThat(tally.mined()).isEqualTo(expected.kept().size() + expected.dropped());
            assertThat(tally.describe()).contains("all-v1 ones dropped").contains("a v2, p v1, n v2");
        });
    }

    @Test
    void aBatchWhoseTripletsAreAllV1GivesNoGradient() {
        float[][] reference = {{1, 0}, {0.9f, 0.43588989f}, {0, 1}};
        ReferenceEmbeddings v1 = new ReferenceEmbeddings(new ReferenceKey("v1@1", "test", SHA, 3, 2), reference);
        EmbeddingBatch v2 = new EmbeddingBatch(new float[][] {{1, 0}, {1, 0}, {0, 1}}, new int[] {0, 0, 1});
        TripletMiner onlyAllV1 = miner((batch, context) ->
                new MiningResult(new Triplets(new int[] {3}, new int[] {4}, new int[] {5}), 1, 1, 0, 0));
        HarmonicTriplets objective = new HarmonicTriplets(v1, onlyAllV1, new TripletLoss(TripletLossConfig.defaults()),
                0);
        LossResult r = objective.compute(step(0, new int[] {0, 1, 2}, v2));
        assertThat(r.totalTriplets()).isZero();
        assertThat(r.value()).isZero();
        assertThat(r.gradient()).isDeepEqualTo(new float[3][2]);
        assertThat(objective.tally().dropped()).isEqualTo(1);
        assertThat(objective.name()).isEqualTo("harmonic-triplet with v1@1");
    }

    /** The trainer's view of step {@code step}: the images themselves are not read by the objective. */
    private static StepBatch step(long step, int[] indices, EmbeddingBatch embeddings) {
        return new StepBatch(step, indices, new TensorBatch(new float[indices.length], indices.length, 1, 1, 1),
                embeddings);
    }
}
