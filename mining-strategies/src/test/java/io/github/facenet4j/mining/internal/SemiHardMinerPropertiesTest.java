package io.github.facenet4j.mining.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.MiningResult;
import io.github.facenet4j.mining.internal.BruteForce.Pair;
import io.github.facenet4j.mining.internal.BruteForce.Triplet;
import io.github.facenet4j.mining.internal.SemiHardConfig.Fallback;
import io.github.facenet4j.mining.internal.SemiHardConfig.Mode;
import io.github.facenet4j.mining.internal.SemiHardConfig.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class SemiHardMinerPropertiesTest {

    @Provide
    Arbitrary<Double> margins() {
        return Arbitraries.of(0.01, 0.2, 0.5, 1.0, 3.0);
    }

    @Property(tries = 300)
    void perPairChoosesFromTheBandOrFallsBackAsDocumented(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int identities,
            @ForAll @IntRange(min = 1, max = 6) int perIdentity, @ForAll @IntRange(min = 2, max = 8) int dimension,
            @ForAll boolean grid, @ForAll("margins") double margin,
            @ForAll Selection selection, @ForAll Fallback fallback, @ForAll @LongRange(max = 1000) long step) {
        EmbeddingBatch batch = Batches.random(seed, identities, perIdentity, dimension, grid);
        BruteForce bf = new BruteForce(batch);
        MiningResult result = new SemiHardMiner(new SemiHardConfig(margin, selection, fallback, Mode.PER_PAIR, 0))
                .mine(batch, new MiningContext(step, seed));
        bf.assertBandChoices(result, margin, selection, fallback);
        result.triplets().requireValidFor(batch);
    }

    @Property(tries = 60)
    void largerBatchesWithTiedDistancesStillMatchTheDefinition(
            @ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int identities,
            @ForAll @IntRange(min = 10, max = 40) int perIdentity, @ForAll boolean grid,
            @ForAll("margins") double margin, @ForAll Selection selection) {
        // enough negatives per anchor (≥ 32 candidates) for the bucketed sort of the band core
        EmbeddingBatch batch = Batches.random(seed, identities, perIdentity, 3, grid);
        MiningResult result = new SemiHardMiner(new SemiHardConfig(margin, selection, Fallback.RANDOM_EASIER,
                Mode.PER_PAIR, 0)).mine(batch, new MiningContext(0, seed));

        new BruteForce(batch).assertBandChoices(result, margin, selection, Fallback.RANDOM_EASIER);
    }

    /**
     * Choice by choice, random and fallback ones included, against BruteForce's model of the
     * band core's order (see {@link BruteForce#assertExactBandChoices}): any change to how the
     * core sorts, searches or scans must keep every triplet and every count.
     */
    @Property(tries = 80)
    void perPairChoicesAreExactlyThoseOfTheDocumentedOrderOnTiedBatches(
            @ForAll long seed, @ForAll @IntRange(min = 2, max = 5) int identities,
            @ForAll @IntRange(min = 5, max = 40) int perIdentity, @ForAll @IntRange(min = 2, max = 4) int dimension,
            @ForAll boolean grid, @ForAll("margins") double margin, @ForAll Selection selection,
            @ForAll Fallback fallback) {
        EmbeddingBatch batch = Batches.random(seed, identities, perIdentity, dimension, grid);
        MiningContext context = new MiningContext(seed & 1023, seed);
        MiningResult result = new SemiHardMiner(new SemiHardConfig(margin, selection, fallback, Mode.PER_PAIR, 0))
                .mine(batch, context);

        new BruteForce(batch).assertExactBandChoices(result, context, margin, selection, fallback);
    }

    @Property(tries = 15)
    void perPairChoicesAreExactlyThoseOfTheDocumentedOrderOnClusteredBatches(
            @ForAll long seed, @ForAll @IntRange(min = 3, max = 8) int identities,
            @ForAll @DoubleRange(min = 1.0, max = 1.6) double sigma, @ForAll Selection selection) {
        // many candidates per anchor, as in the FaceNet-sized benchmark batch
        EmbeddingBatch batch = Batches.clustered(seed, identities, 40, 16, sigma);
        MiningContext context = new MiningContext(1, seed);
        MiningResult result = new SemiHardMiner(new SemiHardConfig(0.2, selection, Fallback.RANDOM_EASIER,
                Mode.PER_PAIR, 0)).mine(batch, context);

        new BruteForce(batch).assertExactBandChoices(result, context, 0.2, selection, Fallback.RANDOM_EASIER);
    }

    @Property(tries = 200)
    void modeAllUnderTheCapIsExactlyEverySemiHardTriplet(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int identities,
            @ForAll @IntRange(min = 1, max = 6) int perIdentity, @ForAll @IntRange(min = 2, max = 8) int dimension,
            @ForAll boolean grid, @ForAll("margins") double margin) {
        EmbeddingBatch batch = Batches.random(seed, identities, perIdentity, dimension, grid);
        BruteForce bf = new BruteForce(batch);
        MiningResult result = new SemiHardMiner(new SemiHardConfig(margin, Selection.CLOSEST, Fallback.SKIP,
                Mode.ALL, 1_000_000)).mine(batch, new MiningContext(3, seed));

        List<Triplet> expected = semiHardTriplets(bf, margin);
        assertThat(new TreeSet<>(BruteForce.list(result.triplets()))).containsExactlyElementsOf(new TreeSet<>(expected));
        assertThat(result.triplets().size()).isEqualTo(expected.size());
        assertThat(result.candidateTriplets()).isEqualTo(expected.size());
        assertThat(BruteForce.list(result.triplets())).isSortedAccordingTo(
                (x, y) -> x.anchor() != y.anchor() ? Integer.compare(x.anchor(), y.anchor())
                        : Integer.compare(x.positive(), y.positive()));
    }

    @Property(tries = 200)
    void modeAllWithFallbackAddsOneEasierNegativePerEmptyBand(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int identities,
            @ForAll @IntRange(min = 1, max = 6) int perIdentity, @ForAll("margins") double margin) {
        EmbeddingBatch batch = Batches.random(seed, identities, perIdentity, 3, true);
        BruteForce bf = new BruteForce(batch);
        MiningResult result = new SemiHardMiner(new SemiHardConfig(margin, Selection.CLOSEST, Fallback.RANDOM_EASIER,
                Mode.ALL, 1_000_000)).mine(batch, new MiningContext(0, seed));

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
    }

    @Property(tries = 200)
    void modeAllOverTheCapKeepsADistinctSampleOfTheSemiHardTriplets(
            @ForAll long seed, @ForAll @IntRange(min = 2, max = 8) int identities,
            @ForAll @IntRange(min = 2, max = 6) int perIdentity, @ForAll @IntRange(min = 1, max = 20) int cap) {
        EmbeddingBatch batch = Batches.random(seed, identities, perIdentity, 2, false);
        BruteForce bf = new BruteForce(batch);
        double margin = 1.0;
        MiningResult result = new SemiHardMiner(new SemiHardConfig(margin, Selection.CLOSEST, Fallback.SKIP,
                Mode.ALL, cap)).mine(batch, new MiningContext(1, seed));

        BruteForce.assertCappedSample(result, semiHardTriplets(bf, margin), cap);
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
