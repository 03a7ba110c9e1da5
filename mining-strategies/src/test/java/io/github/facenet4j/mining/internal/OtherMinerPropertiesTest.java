package io.github.facenet4j.mining.internal;

import static io.github.facenet4j.api.Draw.between;
import static io.github.facenet4j.api.Draw.hundredths;
import static io.github.facenet4j.api.Draw.oneOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.MiningResult;
import io.github.facenet4j.mining.internal.BruteForce.Pair;
import io.github.facenet4j.mining.internal.BruteForce.Triplet;
import io.github.facenet4j.api.RandomCases;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtherMinerPropertiesTest {

    @Test
    void hardestIsTheFarthestPositiveAndClosestNegativePerAnchor() {
        RandomCases.check(300, random -> {
            long seed = random.nextLong();
            EmbeddingBatch batch = Batches.small(seed, random, between(random, 2, 8), random.nextBoolean());
            BruteForce bf = new BruteForce(batch);
            MiningResult result = new HardestMiner(HardestConfig.defaults()).mine(batch, new MiningContext(5, seed));

            List<Triplet> expected = bf.hardest();
            assertThat(BruteForce.list(result.triplets())).containsExactlyElementsOf(expected);
            assertThat(result.anchorPositivePairs()).isEqualTo(bf.pairs().size());
            assertThat(result.candidateTriplets()).isEqualTo(expected.size());
            assertThat(result.fallbackPairs()).isZero();
            assertThat(result.skippedPairs()).isEqualTo(bf.pairs().size() - expected.size());
        });
    }

    @Test
    void batchAllIsEveryTripletWithPositiveLoss() {
        RandomCases.check(300, random -> {
            long seed = random.nextLong();
            double margin = hundredths(random, 0.01, 3);
            EmbeddingBatch batch = Batches.small(seed, random, between(random, 2, 8), random.nextBoolean());
            BruteForce bf = new BruteForce(batch);
            MiningResult result = new BatchAllMiner(new BatchAllConfig(margin, 1_000_000))
                    .mine(batch, new MiningContext(0, seed));

            List<Triplet> expected = bf.batchAll(margin);
            List<Triplet> mined = BruteForce.list(result.triplets());
            assertThat(mined).containsExactlyInAnyOrderElementsOf(expected);
            assertInDocumentedOrder(bf, mined);
            assertThat(result.anchorPositivePairs()).isEqualTo(bf.pairs().size());
            assertThat(result.candidateTriplets()).isEqualTo(expected.size());
            assertThat(result.fallbackPairs()).isZero();
            long pairsWithout = bf.pairs().stream().filter(pair -> expected.stream()
                    .noneMatch(t -> t.anchor() == pair.anchor() && t.positive() == pair.positive())).count();
            assertThat(result.skippedPairs()).isEqualTo(pairsWithout);
        });
    }

    @Test
    void batchAllOnLargerBatchesWithTiedDistancesIsEveryTripletWithPositiveLoss() {
        RandomCases.check(40, random -> {
            long seed = random.nextLong();
            EmbeddingBatch batch = Batches.random(seed, between(random, 2, 4), between(random, 10, 30), 3,
                    random.nextBoolean());
            BruteForce bf = new BruteForce(batch);
            MiningResult result = new BatchAllMiner(new BatchAllConfig(0.5, 10_000_000))
                    .mine(batch, new MiningContext(0, seed));

            List<Triplet> mined = BruteForce.list(result.triplets());
            assertThat(new java.util.HashSet<>(mined)).isEqualTo(new java.util.HashSet<>(bf.batchAll(0.5)));
            assertThat(mined).hasSize(bf.batchAll(0.5).size());
            assertInDocumentedOrder(bf, mined);
        });
    }

    @Test
    void batchAllOverTheCapKeepsAnOrderedSampleAndCountsEverything() {
        RandomCases.check(200, random -> {
            long seed = random.nextLong();
            int cap = between(random, 1, 30);
            EmbeddingBatch batch = Batches.random(seed, between(random, 2, 8), between(random, 2, 6), 3, false);
            BruteForce bf = new BruteForce(batch);
            MiningResult result = new BatchAllMiner(new BatchAllConfig(0.5, cap))
                    .mine(batch, new MiningContext(2, seed));

            BruteForce.assertCappedSample(result, bf.batchAll(0.5), cap);
            assertInDocumentedOrder(bf, BruteForce.list(result.triplets()));
        });
    }

    /** Batch-all's order: anchor, then positive, then d(a,n), then negative index. */
    private static void assertInDocumentedOrder(BruteForce bf, List<Triplet> mined) {
        assertThat(mined).isSortedAccordingTo(java.util.Comparator.comparingInt(Triplet::anchor)
                .thenComparingInt(Triplet::positive)
                .thenComparingDouble(t -> bf.d.get(t.anchor(), t.negative()))
                .thenComparingInt(Triplet::negative));
    }

    @Test
    void randomGivesEveryPairOneValidNegative() {
        RandomCases.check(300, random -> {
            long seed = random.nextLong();
            long step = between(random, 0, 100);
            EmbeddingBatch batch = Batches.small(seed, random, 2, true);
            BruteForce bf = new BruteForce(batch);
            MiningResult result = new RandomMiner(RandomConfig.defaults()).mine(batch, new MiningContext(step, seed));

            List<Pair> served = bf.pairs().stream().filter(pair -> !bf.negatives(pair.anchor()).isEmpty()).toList();
            List<Triplet> mined = BruteForce.list(result.triplets());
            assertThat(mined).extracting(t -> new Pair(t.anchor(), t.positive())).containsExactlyElementsOf(served);
            result.triplets().requireValidFor(batch);
            assertThat(result.anchorPositivePairs()).isEqualTo(bf.pairs().size());
            assertThat(result.skippedPairs()).isEqualTo(bf.pairs().size() - served.size());
            assertThat(result.candidateTriplets())
                    .isEqualTo(served.stream().mapToLong(pair -> bf.negatives(pair.anchor()).size()).sum());
        });
    }

    @Test
    void curriculumFollowsItsStageAtEveryStep() {
        RandomCases.check(300, random -> {
            long seed = random.nextLong();
            long step = between(random, 0, 40);
            CurriculumConfig.FinalStage finalStage = oneOf(random, CurriculumConfig.FinalStage.values());
            EmbeddingBatch batch = Batches.small(seed, random, 3, random.nextBoolean());
            BruteForce bf = new BruteForce(batch);
            CurriculumMiner curriculum = new CurriculumMiner(new CurriculumConfig(0.2, 10, 15, 2.0, finalStage));
            MiningContext context = new MiningContext(step, seed);
            MiningResult result = curriculum.mine(batch, context);
            CurriculumMiner.Stage stage = curriculum.stageAt(step);

            switch (stage.kind()) {
                case EASY -> {
                    double width = 2.0 + (0.2 - 2.0) * step / 10.0;
                    assertThat(stage.band()).isCloseTo(width, org.assertj.core.data.Offset.offset(1e-12));
                    bf.assertBandChoices(result, stage.band(), SemiHardConfig.Selection.RANDOM,
                            SemiHardConfig.Fallback.RANDOM_EASIER);
                }
                case SEMI_HARD -> {
                    MiningResult semiHard = new SemiHardMiner(new SemiHardConfig(0.2, SemiHardConfig.Selection.RANDOM,
                            SemiHardConfig.Fallback.RANDOM_EASIER, SemiHardConfig.Mode.PER_PAIR, 0))
                            .mine(batch, context);
                    assertSame(result, semiHard);
                }
                case HARDEST -> assertSame(result, new HardestMiner(HardestConfig.defaults()).mine(batch, context));
                default -> throw new AssertionError(stage);
            }
        });
    }

    private static void assertSame(MiningResult actual, MiningResult expected) {
        assertThat(BruteForce.list(actual.triplets())).containsExactlyElementsOf(BruteForce.list(expected.triplets()));
        assertThat(actual.anchorPositivePairs()).isEqualTo(expected.anchorPositivePairs());
        assertThat(actual.candidateTriplets()).isEqualTo(expected.candidateTriplets());
        assertThat(actual.fallbackPairs()).isEqualTo(expected.fallbackPairs());
        assertThat(actual.skippedPairs()).isEqualTo(expected.skippedPairs());
    }
}
