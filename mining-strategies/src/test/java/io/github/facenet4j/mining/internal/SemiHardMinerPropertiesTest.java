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
import io.github.facenet4j.mining.internal.SemiHardConfig.Fallback;
import io.github.facenet4j.mining.internal.SemiHardConfig.Mode;
import io.github.facenet4j.mining.internal.SemiHardConfig.Selection;
import io.github.facenet4j.api.RandomCases;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SemiHardMinerPropertiesTest {

    private static double margin(SplittableRandom random) {
        return oneOf(random, 0.01, 0.2, 0.5, 1.0, 3.0);
    }

    @Test
    void perPairChoosesFromTheBandOrFallsBackAsDocumented() {
        RandomCases.check(300, random -> {
            long seed = random.nextLong();
            double margin = margin(random);
            Selection selection = oneOf(random, Selection.values());
            Fallback fallback = oneOf(random, Fallback.values());
            long step = between(random, 0, 1000);
            EmbeddingBatch batch = Batches.small(seed, random, between(random, 2, 8), random.nextBoolean());
            BruteForce bf = new BruteForce(batch);
            MiningResult result = new SemiHardMiner(new SemiHardConfig(margin, selection, fallback, Mode.PER_PAIR, 0))
                    .mine(batch, new MiningContext(step, seed));
            bf.assertBandChoices(result, margin, selection, fallback);
            result.triplets().requireValidFor(batch);
        });
    }

    @Test
    void largerBatchesWithTiedDistancesStillMatchTheDefinition() {
        RandomCases.check(60, random -> {
            long seed = random.nextLong();
            double margin = margin(random);
            Selection selection = oneOf(random, Selection.values());
            // enough negatives per anchor (≥ 32 candidates) for the bucketed sort of the band core
            EmbeddingBatch batch = Batches.random(seed, between(random, 2, 4), between(random, 10, 40), 3,
                    random.nextBoolean());
            MiningResult result = new SemiHardMiner(new SemiHardConfig(margin, selection, Fallback.RANDOM_EASIER,
                    Mode.PER_PAIR, 0)).mine(batch, new MiningContext(0, seed));

            new BruteForce(batch).assertBandChoices(result, margin, selection, Fallback.RANDOM_EASIER);
        });
    }

    /**
     * Choice by choice, random and fallback ones included, against BruteForce's model of the
     * band core's order (see {@link BruteForce#assertExactBandChoices}): any change to how the
     * core sorts, searches or scans must keep every triplet and every count.
     */
    @Test
    void perPairChoicesAreExactlyThoseOfTheDocumentedOrderOnTiedBatches() {
        RandomCases.check(80, random -> {
            long seed = random.nextLong();
            double margin = margin(random);
            Selection selection = oneOf(random, Selection.values());
            Fallback fallback = oneOf(random, Fallback.values());
            EmbeddingBatch batch = Batches.random(seed, between(random, 2, 5), between(random, 5, 40),
                    between(random, 2, 4), random.nextBoolean());
            MiningContext context = new MiningContext(seed & 1023, seed);
            MiningResult result = new SemiHardMiner(new SemiHardConfig(margin, selection, fallback, Mode.PER_PAIR, 0))
                    .mine(batch, context);

            new BruteForce(batch).assertExactBandChoices(result, context, margin, selection, fallback);
        });
    }

    @Test
    void perPairChoicesAreExactlyThoseOfTheDocumentedOrderOnClusteredBatches() {
        RandomCases.check(15, random -> {
            long seed = random.nextLong();
            Selection selection = oneOf(random, Selection.values());
            // many candidates per anchor, as in the FaceNet-sized benchmark batch
            EmbeddingBatch batch = Batches.clustered(seed, between(random, 3, 8), 40, 16, hundredths(random, 1.0, 1.6));
            MiningContext context = new MiningContext(1, seed);
            MiningResult result = new SemiHardMiner(new SemiHardConfig(0.2, selection, Fallback.RANDOM_EASIER,
                    Mode.PER_PAIR, 0)).mine(batch, context);

            new BruteForce(batch).assertExactBandChoices(result, context, 0.2, selection, Fallback.RANDOM_EASIER);
        });
    }

    @Test
    void modeAllUnderTheCapIsExactlyEverySemiHardTriplet() {
        RandomCases.check(200, random -> {
            long seed = random.nextLong();
            double margin = margin(random);
            EmbeddingBatch batch = Batches.small(seed, random, between(random, 2, 8), random.nextBoolean());
            BruteForce bf = new BruteForce(batch);
            MiningResult result = new SemiHardMiner(new SemiHardConfig(margin, Selection.CLOSEST, Fallback.SKIP,
                    Mode.ALL, 1_000_000)).mine(batch, new MiningContext(3, seed));

            List<Triplet> expected = semiHardTriplets(bf, margin);
            assertThat(new TreeSet<>(BruteForce.list(result.triplets())))
                    .containsExactlyElementsOf(new TreeSet<>(expected));
            assertThat(result.triplets().size()).isEqualTo(expected.size());
            assertThat(result.candidateTriplets()).isEqualTo(expected.size());
            assertThat(BruteForce.list(result.triplets())).isSortedAccordingTo(
                    (x, y) -> x.anchor() != y.anchor() ? Integer.compare(x.anchor(), y.anchor())
                            : Integer.compare(x.positive(), y.positive()));
        });
    }

    @Test
    void modeAllWithFallbackAddsOneEasierNegativePerEmptyBand() {
        RandomCases.check(200, random -> {
            long seed = random.nextLong();
            double margin = margin(random);
            EmbeddingBatch batch = Batches.small(seed, random, 3, true);
            BruteForce bf = new BruteForce(batch);
            MiningResult result = new SemiHardMiner(new SemiHardConfig(margin, Selection.CLOSEST,
                    Fallback.RANDOM_EASIER, Mode.ALL, 1_000_000)).mine(batch, new MiningContext(0, seed));

            long fallbacks = bf.pairs().stream()
                    .filter(pair -> bf.band(pair, margin).isEmpty() && !bf.easier(pair).isEmpty()).count();
            assertThat(result.fallbackPairs()).isEqualTo(fallbacks);
            assertThat(result.triplets().size()).isEqualTo(result.candidateTriplets() + fallbacks);
            List<Triplet> semiHard = semiHardTriplets(bf, margin);
            for (Triplet triplet : BruteForce.list(result.triplets())) {
                Pair pair = new Pair(triplet.anchor(), triplet.positive());
                if (!semiHard.contains(triplet)) {
                    assertThat(bf.band(pair, margin)).isEmpty();
                    assertThat(bf.easier(pair)).contains(triplet.negative());
                }
            }
        });
    }

    @Test
    void modeAllOverTheCapKeepsADistinctSampleOfTheSemiHardTriplets() {
        RandomCases.check(200, random -> {
            long seed = random.nextLong();
            int cap = between(random, 1, 20);
            EmbeddingBatch batch = Batches.random(seed, between(random, 2, 8), between(random, 2, 6), 2, false);
            BruteForce bf = new BruteForce(batch);
            double margin = 1.0;
            MiningResult result = new SemiHardMiner(new SemiHardConfig(margin, Selection.CLOSEST, Fallback.SKIP,
                    Mode.ALL, cap)).mine(batch, new MiningContext(1, seed));

            BruteForce.assertCappedSample(result, semiHardTriplets(bf, margin), cap);
        });
    }

    private static List<Triplet> semiHardTriplets(BruteForce bf, double margin) {
        List<Triplet> triplets = new ArrayList<>();
        for (Pair pair : bf.pairs()) {
            for (int negative : bf.band(pair, margin)) {
                triplets.add(new Triplet(pair.anchor(), pair.positive(), negative));
            }
        }
        return triplets;
    }
}
