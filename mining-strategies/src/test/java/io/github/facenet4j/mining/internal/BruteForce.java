package io.github.facenet4j.mining.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.MiningResult;
import io.github.facenet4j.api.Triplets;
import io.github.facenet4j.api.math.DistanceMatrix;
import io.github.facenet4j.api.math.SquaredDistances;
import io.github.facenet4j.mining.internal.SemiHardConfig.Fallback;
import io.github.facenet4j.mining.internal.SemiHardConfig.Selection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The miners' definitions written as plain loops over the same distance matrix the miners
 * use (SquaredDistances.pairwise is deterministic), so float rounding cannot flip a decision.
 */
final class BruteForce {

    /** One triplet; lists of these compare by value. */
    record Triplet(int anchor, int positive, int negative) implements Comparable<Triplet> {
        @Override
        public int compareTo(Triplet o) {
            int c = Integer.compare(anchor, o.anchor);
            if (c == 0) {
                c = Integer.compare(positive, o.positive);
            }
            return c != 0 ? c : Integer.compare(negative, o.negative);
        }
    }

    /** An ordered (anchor, positive) pair. */
    record Pair(int anchor, int positive) {
    }

    final DistanceMatrix d;
    final int[] labels;
    final int n;

    BruteForce(EmbeddingBatch batch) {
        this.d = SquaredDistances.pairwise(batch.embeddings());
        this.labels = batch.labels();
        this.n = labels.length;
    }

    static List<Triplet> list(Triplets triplets) {
        List<Triplet> list = new ArrayList<>();
        for (int t = 0; t < triplets.size(); t++) {
            list.add(new Triplet(triplets.anchors()[t], triplets.positives()[t], triplets.negatives()[t]));
        }
        return list;
    }

    /**
     * Checks a capped result: min(cap, |valid|) distinct triplets, all valid, in anchor
     * order, and the candidate count is every valid triplet, not only those kept.
     */
    static void assertCappedSample(MiningResult result, List<Triplet> valid, int cap) {
        List<Triplet> mined = list(result.triplets());
        assertThat(mined).hasSize(Math.min(cap, valid.size()));
        // plain Set.contains: AssertJ's containsAll compares linearly, quadratic on large samples
        Set<Triplet> validSet = new HashSet<>(valid);
        assertThat(mined.stream().filter(t -> !validSet.contains(t)).toList()).as("triplets outside the rule").isEmpty();
        assertThat(new HashSet<>(mined)).as("distinct triplets").hasSize(mined.size());
        assertThat(mined).extracting(Triplet::anchor).isSorted();
        assertThat(result.candidateTriplets()).isEqualTo(valid.size());
    }

    /**
     * Checks one-negative-per-pair band mining: pair by pair in order, a negative from the
     * band d(a,p) &lt; d(a,n) &lt; d(a,p) + w (the closest one for CLOSEST), else for
     * RANDOM_EASIER one with d(a,n) &gt; d(a,p), else none; and the four counts.
     */
    void assertBandChoices(MiningResult result, double width, Selection selection, Fallback fallback) {
        List<Triplet> mined = list(result.triplets());
        int t = 0;
        long candidates = 0;
        long fallbacks = 0;
        long skipped = 0;
        for (Pair pair : pairs()) {
            List<Integer> band = band(pair, width);
            List<Integer> easier = easier(pair);
            candidates += band.size();
            boolean fallsBack = band.isEmpty() && fallback == Fallback.RANDOM_EASIER && !easier.isEmpty();
            if (band.isEmpty() && !fallsBack) {
                skipped++;
                continue;
            }
            Triplet triplet = mined.get(t++);
            assertThat(new Pair(triplet.anchor(), triplet.positive())).isEqualTo(pair);
            if (fallsBack) {
                assertThat(easier).contains(triplet.negative());
                fallbacks++;
            } else if (selection == Selection.CLOSEST) {
                assertThat(triplet.negative()).isEqualTo(closest(pair, band));
            } else {
                assertThat(band).contains(triplet.negative());
            }
        }
        assertThat(mined).hasSize(t);
        assertThat(result.anchorPositivePairs()).isEqualTo(pairs().size());
        assertThat(result.candidateTriplets()).isEqualTo(candidates);
        assertThat(result.fallbackPairs()).isEqualTo(fallbacks);
        assertThat(result.skippedPairs()).isEqualTo(skipped);
    }

    /** All ordered pairs a ≠ p with equal labels, by anchor then positive. */
    List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                if (a != p && labels[a] == labels[p]) {
                    pairs.add(new Pair(a, p));
                }
            }
        }
        return pairs;
    }

    List<Integer> negatives(int a) {
        List<Integer> negatives = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            if (labels[j] != labels[a]) {
                negatives.add(j);
            }
        }
        return negatives;
    }

    /** Negatives with d(a,p) &lt; d(a,n) &lt; d(a,p) + w, ascending index. */
    List<Integer> band(Pair pair, double width) {
        float dp = d.get(pair.anchor(), pair.positive());
        List<Integer> band = new ArrayList<>();
        for (int j : negatives(pair.anchor())) {
            float dn = d.get(pair.anchor(), j);
            if (dn > dp && dn < dp + width) {
                band.add(j);
            }
        }
        return band;
    }

    /** The band negative with the smallest distance, lowest index among ties. */
    int closest(Pair pair, List<Integer> band) {
        int best = band.get(0);
        for (int j : band) {
            if (d.get(pair.anchor(), j) < d.get(pair.anchor(), best)) {
                best = j;
            }
        }
        return best;
    }

    /** Negatives with d(a,n) &gt; d(a,p). */
    List<Integer> easier(Pair pair) {
        float dp = d.get(pair.anchor(), pair.positive());
        return negatives(pair.anchor()).stream().filter(j -> d.get(pair.anchor(), j) > dp).toList();
    }

    /** Triplets with d(a,p) − d(a,n) + α &gt; 0, by anchor, positive, negative. */
    List<Triplet> batchAll(double margin) {
        List<Triplet> all = new ArrayList<>();
        for (Pair pair : pairs()) {
            for (int j : negatives(pair.anchor())) {
                if ((double) d.get(pair.anchor(), pair.positive()) - d.get(pair.anchor(), j) + margin > 0) {
                    all.add(new Triplet(pair.anchor(), pair.positive(), j));
                }
            }
        }
        return all;
    }

    /** Per anchor with a positive and a negative: farthest positive, closest negative, lowest index on ties. */
    List<Triplet> hardest() {
        List<Triplet> triplets = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            int p = -1;
            int q = -1;
            for (int j = 0; j < n; j++) {
                if (j != a && labels[j] == labels[a] && (p < 0 || d.get(a, j) > d.get(a, p))) {
                    p = j;
                }
                if (labels[j] != labels[a] && (q < 0 || d.get(a, j) < d.get(a, q))) {
                    q = j;
                }
            }
            if (p >= 0 && q >= 0) {
                triplets.add(new Triplet(a, p, q));
            }
        }
        return triplets;
    }

    /**
     * Checks one-negative-per-pair band mining choice by choice against a plain model of the
     * band core's documented order: per anchor, the candidates (negatives farther than the
     * nearest positive and closer than max d(a,p) + w, rounded up to a float) sorted by
     * (distance, index), the other farther negatives after them in index order; the anchor's
     * random stream draws once per random band choice or fallback.
     */
    void assertExactBandChoices(MiningResult result, MiningContext context, double margin, Selection selection,
            Fallback fallback) {
        List<Triplet> expected = new ArrayList<>();
        long[] counts = new long[3]; // candidates, fallbacks, skipped
        AnchorRandoms randoms = new AnchorRandoms(context);
        for (int a = 0; a < n; a++) {
            mineAnchor(this, a, margin, selection, fallback, randoms.forAnchor(a), expected, counts);
        }
        assertThat(BruteForce.list(result.triplets())).containsExactlyElementsOf(expected);
        assertThat(result.anchorPositivePairs()).isEqualTo(pairs().size());
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
