package io.github.facenet4j.mining.internal;

import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.MiningResult;
import io.github.facenet4j.mining.internal.SemiHardConfig.Fallback;
import io.github.facenet4j.mining.internal.SemiHardConfig.Selection;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The band rule shared by the semi-hard, curriculum and batch-all miners: for an ordered
 * (anchor, positive) pair, the negatives n with d(a,p) &lt; d(a,n) &lt; d(a,p) + w, which
 * for w = α is FaceNet's semi-hard condition (Schroff et al. 2015, §3.2, eq. 4: farther
 * than the positive, yet inside the margin). Without the lower bound, d(a,n) &lt; d(a,p) + α
 * is batch-all's "non-zero loss" rule (Hermans et al. 2017).
 * Distances are the float squared L2 distances; the upper bound is compared in double,
 * {@code (double) d(a,n) < (double) d(a,p) + w}.
 *
 * <p>Per anchor this never sorts all negatives: one pass over the anchor's distance row
 * keeps only negatives that can fall in some positive's band (above the smallest d(a,p),
 * below the largest d(a,p) + w), packs each as {@code floatBits(d) << 32 | index} (non-
 * negative floats order like their bits, ties then order by index) and sorts those few;
 * each positive's band is then two binary searches. Negatives beyond every band are kept
 * unsorted, as they only serve the random-easier fallback.
 */
final class BandSelection {

    /**
     * @param width        band width w &gt; 0 (the margin α for semi-hard)
     * @param harderToo    no lower bound: negatives closer than the positive count as well
     *                     (batch-all); needs fallback {@code SKIP}, as no pair is "easier"
     * @param selection    choice within a non-empty band, for one negative per pair
     * @param fallback     choice for pairs whose band is empty
     * @param allNegatives every negative of the band instead of one per pair
     */
    record Rule(double width, boolean harderToo, Selection selection, Fallback fallback, boolean allNegatives) {
        Rule {
            if (harderToo && fallback != Fallback.SKIP) {
                throw new IllegalArgumentException("A band without lower bound has no easier fallback");
            }
        }

        /** FaceNet's band d(a,p) &lt; d(a,n) &lt; d(a,p) + w. */
        static Rule band(double width, Selection selection, Fallback fallback, boolean allNegatives) {
            return new Rule(width, false, selection, fallback, allNegatives);
        }
    }

    private BandSelection() {
    }

    /**
     * Mines {@code distances} with {@code rule}. With {@code allNegatives}, at most
     * {@link AnchorBlocks#effectiveCap(long, int) cap} triplets (a uniform sample beyond).
     * Counts: every ordered pair; candidates = band sizes summed; fallback pairs; pairs
     * with no triplet (empty band and no fallback, or no negative at all).
     */
    static MiningResult mine(LabelledDistances distances, MiningContext context, Rule rule, long cap) {
        AnchorRandoms randoms = new AnchorRandoms(context);
        int n = distances.size();
        if (rule.allNegatives()) {
            return AnchorBlocks.mineCapped(n, AnchorBlocks.effectiveCap(cap, n), randoms.forBatch(),
                    () -> new Bands(distances, randoms, rule));
        }
        return AnchorBlocks.mineAll(n, () -> new Bands(distances, randoms, rule));
    }

    /** Per-block scratch space and the per-anchor rule. */
    private static final class Bands implements AnchorBlocks.AnchorRule {
        private final LabelledDistances distances;
        private final AnchorRandoms randoms;
        private final Rule rule;
        private final int[] candidateIndices;
        private final long[] keys;
        private final int[] buckets;
        private final long[] sortedKeys;
        private final int[] bucketEnds;
        private final int[] beyond;
        private final float[] positiveDistances;
        private int candidateCount;
        private int beyondCount;

        Bands(LabelledDistances distances, AnchorRandoms randoms, Rule rule) {
            this.distances = distances;
            this.randoms = randoms;
            this.rule = rule;
            int n = distances.size();
            candidateIndices = new int[n];
            keys = new long[n];
            buckets = new int[n];
            sortedKeys = new long[n];
            bucketEnds = new int[n + 1];
            beyond = new int[n];
            positiveDistances = new float[n];
        }

        @Override
        public void mine(int anchor, TripletSink sink) {
            if (AnchorBlocks.openAnchor(distances, anchor, sink) == 0) {
                return;
            }
            int[] identity = distances.identityOf(anchor);
            index(anchor, identity);
            SplittableRandom random = randoms.forAnchor(anchor);
            int k = 0;
            for (int positive : identity) {
                if (positive == anchor) {
                    continue;
                }
                float dp = positiveDistances[k++];
                int start = rule.harderToo() ? 0 : firstAbove(dp);
                int end = firstAtOrAbove(start, dp + rule.width());
                sink.countCandidates(end - start);
                if (end > start) {
                    choose(anchor, positive, start, end, random, sink);
                } else if (rule.fallback() == Fallback.RANDOM_EASIER && easierCount(start) > 0) {
                    sink.countFallback();
                    sink.offer(anchor, positive, easier(start, random.nextInt(easierCount(start))));
                } else {
                    sink.countSkipped(1);
                }
            }
        }

        private void choose(int anchor, int positive, int start, int end, SplittableRandom random, TripletSink sink) {
            if (rule.allNegatives()) {
                for (int c = start; c < end; c++) {
                    sink.offer(anchor, positive, negativeAt(c));
                }
            } else if (rule.selection() == Selection.CLOSEST) {
                sink.offer(anchor, positive, negativeAt(start));
            } else {
                sink.offer(anchor, positive, negativeAt(start + random.nextInt(end - start)));
            }
        }

        /** Index of the candidate at {@code position} of the sorted order. */
        private int negativeAt(int position) {
            return (int) sortedKeys[position];
        }

        /**
         * Positive distances of {@code anchor}, then its negatives that can matter, sorted
         * (with {@code harderToo}, all negatives below the largest d(a,p) + w).
         */
        private void index(int anchor, int[] identity) {
            float[] row = distances.values();
            int offset = distances.rowOffset(anchor);
            float lowest = rule.harderToo() ? -1f : Float.POSITIVE_INFINITY;
            float highest = 0f;
            int k = 0;
            for (int positive : identity) {
                if (positive != anchor) {
                    float d = row[offset + positive];
                    positiveDistances[k++] = d;
                    lowest = rule.harderToo() ? lowest : Math.min(lowest, d);
                    highest = Math.max(highest, d);
                }
            }
            float upper = sortedBelow(highest, rule.width());
            int[] labels = distances.labels();
            int label = labels[anchor];
            int candidates = 0;
            int far = 0;
            // Without branches: a quarter of the negatives fall beyond, at random, and branching
            // on it mispredicted so often that this loop took more than half of the mining.
            // Both arrays are written at every step; only the matching count moves on.
            for (int j = 0, n = distances.size(); j < n; j++) {
                float d = row[offset + j];
                // d <= lowest: never above any d(a,p), so in no band and never "easier"
                int kept = (d > lowest ? 1 : 0) & (labels[j] != label ? 1 : 0);
                int below = d < upper ? 1 : 0;
                candidateIndices[candidates] = j;
                beyond[far] = j;
                candidates += kept & below;
                far += kept & (below ^ 1);
            }
            sortKeys(candidates, lowest, upper, row, offset);
            candidateCount = candidates;
            beyondCount = far;
        }

        /**
         * Sorts the keys of {@code candidateIndices[0, count)} into {@code sortedKeys}. The distances lie in (low, high),
         * so one counting pass spreads them over {@code count} equal-width buckets (the bucket
         * index never decreases with the distance), and only each bucket, usually of one to
         * three keys, is then sorted (insertion sort; a general sort beyond 16 keys): about
         * linear, where one general sort of the ~170 candidates per anchor cost more than the
         * scan of the anchor's whole row.
         */
        private void sortKeys(int count, float low, float high, float[] row, int offset) {
            if (count < 32) {
                for (int c = 0; c < count; c++) {
                    sortedKeys[c] = key(row[offset + candidateIndices[c]], candidateIndices[c]);
                }
                Arrays.sort(sortedKeys, 0, count);
                return;
            }
            float scale = (float) (count / ((double) high - low));
            Arrays.fill(bucketEnds, 0, count + 1, 0);
            for (int c = 0; c < count; c++) {
                int j = candidateIndices[c];
                float d = row[offset + j];
                keys[c] = key(d, j);
                // float rounding is monotonic, so the bucket never decreases with d
                int bucket = Math.max(0, Math.min(count - 1, (int) ((d - low) * scale)));
                buckets[c] = bucket;
                bucketEnds[bucket + 1]++;
            }
            for (int b = 1; b <= count; b++) {
                bucketEnds[b] += bucketEnds[b - 1];
            }
            // scatter: bucketEnds[b] runs from the start of bucket b to its end
            for (int c = 0; c < count; c++) {
                sortedKeys[bucketEnds[buckets[c]]++] = keys[c];
            }
            int start = 0;
            for (int b = 0; b < count; b++) {
                int end = bucketEnds[b];
                if (end - start > 16) {
                    Arrays.sort(sortedKeys, start, end);
                } else {
                    for (int i = start + 1; i < end; i++) {
                        long key = sortedKeys[i];
                        int j = i - 1;
                        for (; j >= start && sortedKeys[j] > key; j--) {
                            sortedKeys[j + 1] = sortedKeys[j];
                        }
                        sortedKeys[j + 1] = key;
                    }
                }
                start = end;
            }
        }

        /**
         * {@code floatBits(d) << 32 | index} (index −1: above every index); + 0f turns a −0
         * into +0, whose bits order with the positive floats.
         */
        private static long key(float distance, int index) {
            return ((long) Float.floatToRawIntBits(distance + 0f) << 32) | (index & 0xFFFF_FFFFL);
        }

        /**
         * A float bound u with: float d &lt; u exactly when (double) d &lt; highest + width or
         * d ≤ highest. Every negative in some band (and every one not farther than all
         * positives) is then sorted; one float comparison per row entry keeps the scan cheap.
         */
        private static float sortedBelow(float highest, double width) {
            return Math.max(ceilToFloat(highest + width), Math.nextUp(highest));
        }

        /** The smallest float u ≥ {@code x}: for a float d, d ≥ x (in double) exactly when d ≥ u. */
        private static float ceilToFloat(double x) {
            float bound = (float) x;
            return bound < x ? Math.nextUp(bound) : bound;
        }

        /** First sorted candidate with distance &gt; {@code dp}: the first key above all keys of distance dp. */
        private int firstAbove(float dp) {
            return firstKeyAbove(0, key(dp, -1));
        }

        /** First sorted candidate from {@code from} on with distance ≥ {@code limit} (compared in double). */
        private int firstAtOrAbove(int from, double limit) {
            return firstKeyAbove(from, key(ceilToFloat(limit), 0) - 1);
        }

        /**
         * First position from {@code from} on whose key exceeds {@code bound} (keys of
         * non-negative distances compare like the distances, then like the indices).
         */
        private int firstKeyAbove(int from, long bound) {
            int low = from;
            int high = candidateCount;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (sortedKeys[mid] > bound) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            return low;
        }

        /** Negatives farther than d(a,p), where {@code start} = {@link #firstAbove}(d(a,p)). */
        private int easierCount(int start) {
            return candidateCount - start + beyondCount;
        }

        private int easier(int start, int choice) {
            int sorted = candidateCount - start;
            return choice < sorted ? negativeAt(start + choice) : beyond[choice - sorted];
        }
    }
}
