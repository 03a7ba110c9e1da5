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
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * One negative per pair, choice by choice, against a plain model of the band core's
 * documented order: per anchor, the candidates (negatives farther than the nearest positive
 * and closer than max(d(a,p)) + w, rounded up to a float) sorted by (distance, index), the
 * other farther negatives after them in index order; the anchor's random stream draws once
 * per random band choice or fallback. Any change to how the core sorts, searches or scans
 * must keep every triplet, random and fallback ones included, and every count.
 */
class ExactChoicesPropertiesTest {

    @Provide
    Arbitrary<Double> margins() {
        return Arbitraries.of(0.01, 0.2, 0.5, 1.0, 3.0);
    }

    @Property(tries = 80)
    void choicesMatchTheModelOnTiedBatches(
            @ForAll long seed, @ForAll @IntRange(min = 2, max = 5) int identities,
            @ForAll @IntRange(min = 5, max = 40) int perIdentity, @ForAll @IntRange(min = 2, max = 4) int dimension,
            @ForAll boolean grid, @ForAll("margins") double margin, @ForAll Selection selection,
            @ForAll Fallback fallback) {
        assertExactChoices(Batches.random(seed, identities, perIdentity, dimension, grid), margin, selection,
                fallback, new MiningContext(seed & 1023, seed));
    }

    @Property(tries = 15)
    void choicesMatchTheModelOnClusteredBatches(
            @ForAll long seed, @ForAll @IntRange(min = 3, max = 8) int identities,
            @ForAll @DoubleRange(min = 1.0, max = 1.6) double sigma, @ForAll Selection selection) {
        // many candidates per anchor, as in the FaceNet-sized benchmark batch
        assertExactChoices(Batches.clustered(seed, identities, 40, 16, sigma), 0.2, selection,
                Fallback.RANDOM_EASIER, new MiningContext(1, seed));
    }

    private static void assertExactChoices(EmbeddingBatch batch, double margin, Selection selection,
            Fallback fallback, MiningContext context) {
        BruteForce bf = new BruteForce(batch);
        MiningResult result = new SemiHardMiner(new SemiHardConfig(margin, selection, fallback, Mode.PER_PAIR, 0))
                .mine(batch, context);

        List<Triplet> expected = new ArrayList<>();
        long[] counts = new long[3]; // candidates, fallbacks, skipped
        AnchorRandoms randoms = new AnchorRandoms(context);
        for (int a = 0; a < bf.n; a++) {
            mineAnchor(bf, a, margin, selection, fallback, randoms.forAnchor(a), expected, counts);
        }
        assertThat(BruteForce.list(result.triplets())).containsExactlyElementsOf(expected);
        assertThat(result.anchorPositivePairs()).isEqualTo(bf.pairs().size());
        assertThat(result.candidateTriplets()).isEqualTo(counts[0]);
        assertThat(result.fallbackPairs()).isEqualTo(counts[1]);
        assertThat(result.skippedPairs()).isEqualTo(counts[2]);
    }

    private static void mineAnchor(BruteForce bf, int a, double margin, Selection selection, Fallback fallback,
            SplittableRandom random, List<Triplet> out, long[] counts) {
        List<Pair> pairs = bf.pairs().stream().filter(pair -> pair.anchor() == a).toList();
        List<Integer> negatives = bf.negatives(a);
        if (negatives.isEmpty()) {
            counts[2] += pairs.size();
            return;
        }
        float lowest = Float.POSITIVE_INFINITY;
        float highest = 0f;
        for (Pair pair : pairs) {
            lowest = Math.min(lowest, bf.d.get(a, pair.positive()));
            highest = Math.max(highest, bf.d.get(a, pair.positive()));
        }
        float upper = Math.max(ceilToFloat(highest + margin), Math.nextUp(highest));
        List<Integer> sorted = new ArrayList<>();
        List<Integer> beyond = new ArrayList<>();
        for (int j : negatives) {
            float d = bf.d.get(a, j);
            if (d > lowest) {
                (d < upper ? sorted : beyond).add(j);
            }
        }
        sorted.sort(Comparator.<Integer>comparingInt(j -> Float.floatToRawIntBits(bf.d.get(a, j) + 0f))
                .thenComparingInt(j -> j));
        for (Pair pair : pairs) {
            float dp = bf.d.get(a, pair.positive());
            int start = (int) sorted.stream().filter(j -> bf.d.get(a, j) <= dp).count();
            int end = start;
            while (end < sorted.size() && bf.d.get(a, sorted.get(end)) < dp + margin) {
                end++;
            }
            counts[0] += end - start;
            int easier = sorted.size() - start + beyond.size();
            int negative;
            if (end > start) {
                negative = sorted.get(selection == Selection.CLOSEST ? start : start + random.nextInt(end - start));
            } else if (fallback == Fallback.RANDOM_EASIER && easier > 0) {
                counts[1]++;
                int choice = random.nextInt(easier);
                negative = choice < sorted.size() - start ? sorted.get(start + choice)
                        : beyond.get(choice - (sorted.size() - start));
            } else {
                counts[2]++;
                continue;
            }
            out.add(new Triplet(a, pair.positive(), negative));
        }
    }

    private static float ceilToFloat(double x) {
        float bound = (float) x;
        return bound < x ? Math.nextUp(bound) : bound;
    }
}
