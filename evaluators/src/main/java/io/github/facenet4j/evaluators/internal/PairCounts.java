package io.github.facenet4j.evaluators.internal;

import java.util.Arrays;

/**
 * The exact sufficient statistics of a verification sweep, without a list of pairs.
 *
 * <p>Accepting pairs at distance ≤ t, VAL only rises at a same-pair distance, so the ROC's
 * undominated points, the best-accuracy threshold and every "VAL at FAR" answer lie at
 * the distinct same-pair distances u₀ &lt; u₁ &lt; … &lt; u_{m−1}. It is therefore enough
 * to keep those m values, how many same pairs sit at each, and how many different pairs
 * fall strictly between consecutive values ({@code below[i]}: u_{i−1} &lt; d &lt; u_i) or
 * exactly on one ({@code at[i]}: d = u_i), per fold. Different pairs are counted one at a
 * time as they stream past, each located by its float bit pattern (monotone for d ≥ 0) in a
 * bucket table and a short binary search; nothing is approximated.
 *
 * <p>Memory: 4 bytes per same pair while sorting, then 24 · folds bytes per distinct
 * same distance, plus a bucket table of at most 2²⁰ + 2 ints (4 MB).
 */
final class PairCounts {

    /** Largest bucket table: 2²⁰ buckets. */
    private static final int TABLE_BITS = 20;

    private final float[] values;
    private final int m;
    private final int folds;
    private final long[] same;
    private final long[] below;
    private final long[] at;
    private final int maxBits;
    private final int shift;
    private final int[] bucketStart;
    private final Histograms histograms;

    /**
     * @param sameDistances distances of the same-identity pairs (≥ 0), first {@code count} used
     * @param sameFolds     their folds, each in [0, folds)
     * @param folds         number of folds, 1 … 255
     * @param histograms    where pairs are also binned for the report
     */
    PairCounts(float[] sameDistances, int[] sameFolds, int count, int folds, Histograms histograms) {
        this.folds = folds;
        this.histograms = histograms;
        long[] keys = new long[count];
        for (int p = 0; p < count; p++) {
            keys[p] = ((long) Float.floatToRawIntBits(sameDistances[p] + 0f) << 8) | sameFolds[p];
            histograms.addSame(sameDistances[p]);
        }
        Arrays.parallelSort(keys);
        int distinct = 0;
        for (int p = 0; p < count; p++) {
            if (p == 0 || (keys[p] >>> 8) != (keys[p - 1] >>> 8)) {
                distinct++;
            }
        }
        this.m = distinct;
        this.values = new float[m];
        this.same = new long[folds * m];
        this.below = new long[folds * (m + 1)];
        this.at = new long[folds * m];
        for (int p = 0, i = -1; p < count; p++) {
            if (p == 0 || (keys[p] >>> 8) != (keys[p - 1] >>> 8)) {
                values[++i] = Float.intBitsToFloat((int) (keys[p] >>> 8));
            }
            same[(int) (keys[p] & 0xFF) * m + i]++;
        }
        this.maxBits = m == 0 ? -1 : Float.floatToRawIntBits(values[m - 1]);
        int width = 32 - Integer.numberOfLeadingZeros(Math.max(maxBits, 1));
        this.shift = Math.max(0, width - TABLE_BITS);
        this.bucketStart = new int[m == 0 ? 1 : (maxBits >>> shift) + 2];
        for (int b = 0, i = 0; b < bucketStart.length; b++) {
            while (i < m && (Float.floatToRawIntBits(values[i]) >>> shift) < b) {
                i++;
            }
            bucketStart[b] = i;
        }
    }

    /** Counts one different-identity pair at distance {@code d} ≥ 0 in fold {@code fold}. */
    void addDiff(float d, int fold) {
        histograms.addDiff(d);
        int position = position(d);
        if (position < m && values[position] == d) {
            at[fold * m + position]++;
        } else {
            below[fold * (m + 1) + position]++;
        }
    }

    /** First index i with u_i ≥ d, or m. */
    private int position(float d) {
        int bits = Float.floatToRawIntBits(d);
        if (bits > maxBits) {
            return m;
        }
        int bucket = bits >>> shift;
        return lowerBound(values, bucketStart[bucket], bucketStart[bucket + 1], d);
    }

    /** First index in [lo, hi) of ascending {@code values} whose value is ≥ {@code d}, or hi. */
    static int lowerBound(float[] values, int lo, int hi, float d) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] < d) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    int folds() {
        return folds;
    }

    Histograms histograms() {
        return histograms;
    }

    /** Counts summed over all folds. */
    Tally all() {
        boolean[] include = new boolean[folds];
        Arrays.fill(include, true);
        return tally(include);
    }

    /** Counts summed over the folds {@code include} marks. */
    Tally tally(boolean[] include) {
        long[] s = new long[m];
        long[] b = new long[m + 1];
        long[] a = new long[m];
        for (int f = 0; f < folds; f++) {
            if (!include[f]) {
                continue;
            }
            for (int i = 0; i < m; i++) {
                s[i] += same[f * m + i];
                a[i] += at[f * m + i];
                b[i] += below[f * (m + 1) + i];
            }
            b[m] += below[f * (m + 1) + m];
        }
        return new Tally(values, s, b, a);
    }

    /**
     * Counts of one set of pairs at the grid of same-pair distances, and the sweeps over it.
     * Index −1 stands for the threshold −∞, which accepts nothing.
     */
    static final class Tally {
        final float[] values;
        final long[] same;
        final long[] below;
        final long[] at;
        final long nSame;
        final long nDiff;

        Tally(float[] values, long[] same, long[] below, long[] at) {
            this.values = values;
            this.same = same;
            this.below = below;
            this.at = at;
            this.nSame = Arrays.stream(same).sum();
            this.nDiff = Arrays.stream(below).sum() + Arrays.stream(at).sum();
        }

        int size() {
            return values.length;
        }

        double threshold(int index) {
            return index < 0 ? Double.NEGATIVE_INFINITY : values[index];
        }

        /** Accepted same pairs TA at each corner threshold u_i. */
        long[] trueAccepts() {
            long[] ta = new long[size()];
            long sum = 0;
            for (int i = 0; i < ta.length; i++) {
                sum += same[i];
                ta[i] = sum;
            }
            return ta;
        }

        /** Accepted different pairs FA at each corner threshold u_i. */
        long[] falseAccepts() {
            long[] fa = new long[size()];
            long sum = 0;
            for (int i = 0; i < fa.length; i++) {
                sum += below[i] + at[i];
                fa[i] = sum;
            }
            return fa;
        }

        /**
         * The corner with the most same pairs accepted while at most ⌊far · |P_diff|⌋
         * different pairs are: the largest u_i with FA(u_i) ≤ that count (FA rises with i),
         * or −1.
         */
        int indexAtFar(double far) {
            // The small slack keeps e.g. 0.29 · 100 from flooring to 28.
            long allowed = (long) Math.floor(far * nDiff + 1e-9);
            long[] fa = falseAccepts();
            int best = -1;
            for (int i = 0; i < fa.length && fa[i] <= allowed; i++) {
                best = i;
            }
            return best;
        }

        double valAt(int index) {
            return index < 0 ? 0 : (double) cumulative(same, index) / nSame;
        }

        double farAt(int index) {
            return index < 0 ? 0 : (double) (cumulative(below, index) + cumulative(at, index)) / nDiff;
        }

        /** (TA + TR) / all pairs at corner {@code index}. */
        double accuracyAt(int index) {
            long ta = index < 0 ? 0 : cumulative(same, index);
            long fa = index < 0 ? 0 : cumulative(below, index) + cumulative(at, index);
            return (double) (ta + nDiff - fa) / (nSame + nDiff);
        }

        /**
         * The corner of highest accuracy; among equals the smallest threshold. Between two
         * corners TA is constant and FA can only grow, so no other threshold does better.
         */
        int bestAccuracyIndex() {
            long ta = 0;
            long fa = 0;
            long bestScore = 0;
            int best = -1;
            for (int i = 0; i < size(); i++) {
                ta += same[i];
                fa += below[i] + at[i];
                if (ta - fa > bestScore) {
                    bestScore = ta - fa;
                    best = i;
                }
            }
            return best;
        }

        /**
         * Area under the ROC polyline that moves right for each different pair, up for each
         * same pair, and diagonally where they tie: the Mann–Whitney probability that a
         * same pair is closer than a different pair, ties counting ½.
         */
        double auc() {
            double twiceArea = 0;
            long ta = 0;
            for (int i = 0; i < size(); i++) {
                twiceArea += 2.0 * below[i] * ta + (double) at[i] * (2 * ta + same[i]);
                ta += same[i];
            }
            twiceArea += 2.0 * below[size()] * ta;
            return twiceArea / (2.0 * nSame * nDiff);
        }

        /** Where the ROC polyline crosses FAR = 1 − VAL, interpolating along the segment. */
        double eer() {
            double x = 0;
            double y = 0;
            long ta = 0;
            long fa = 0;
            for (int i = 0; i <= size(); i++) {
                fa += below[i];
                double x1 = (double) fa / nDiff;
                double[] crossing = cross(x, y, x1, y);
                if (crossing != null) {
                    return crossing[0];
                }
                x = x1;
                if (i == size()) {
                    break;
                }
                fa += at[i];
                ta += same[i];
                x1 = (double) fa / nDiff;
                double y1 = (double) ta / nSame;
                crossing = cross(x, y, x1, y1);
                if (crossing != null) {
                    return crossing[0];
                }
                x = x1;
                y = y1;
            }
            return x;
        }

        private static double[] cross(double x0, double y0, double x1, double y1) {
            double g0 = x0 + y0 - 1;
            double g1 = x1 + y1 - 1;
            if (g0 <= 0 && g1 >= 0 && g1 > g0) {
                double t = -g0 / (g1 - g0);
                return new double[] {x0 + t * (x1 - x0)};
            }
            return null;
        }

        private static long cumulative(long[] counts, int index) {
            long sum = 0;
            for (int i = 0; i <= index; i++) {
                sum += counts[i];
            }
            return sum;
        }
    }

    /** Same and different pair counts in equal bins over [0, upper), for the report. */
    static final class Histograms {
        final double upper;
        final long[] same;
        final long[] diff;
        private final double perUnit;

        Histograms(double upper, int bins) {
            this.upper = upper;
            this.same = new long[bins];
            this.diff = new long[bins];
            this.perUnit = bins / upper;
        }

        void addSame(float d) {
            same[bin(d)]++;
        }

        void addDiff(float d) {
            diff[bin(d)]++;
        }

        private int bin(float d) {
            return Math.min(same.length - 1, (int) (d * perUnit));
        }
    }
}
