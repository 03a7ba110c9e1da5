package io.github.facenet4j.mining.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Reservoir sampling, Li's "Algorithm L" (ACM TOMS 1994): a uniform sample of {@code k}
 * of the ordinals {@code 0 … total−1} in O(k·(1 + log(total/k))) random draws, without
 * visiting every ordinal. Miners use it to cap the number of triplets.
 */
final class Reservoir {

    private Reservoir() {
    }

    /** {@code k} distinct ordinals below {@code total}, sorted ascending; all of them if {@code total ≤ k}. */
    static long[] sample(long total, int k, SplittableRandom random) {
        if (total <= k) {
            long[] all = new long[(int) total];
            Arrays.setAll(all, i -> i);
            return all;
        }
        long[] reservoir = new long[k];
        Arrays.setAll(reservoir, i -> i);
        if (k == 0) {
            return reservoir;
        }
        double w = Math.exp(Math.log(unitOpenAtZero(random)) / k);
        long i = k - 1;
        while (true) {
            double skip = Math.floor(Math.log(unitOpenAtZero(random)) / Math.log1p(-w));
            if (!(skip < total - i - 1)) {
                break;
            }
            i += (long) skip + 1;
            reservoir[random.nextInt(k)] = i;
            w *= Math.exp(Math.log(unitOpenAtZero(random)) / k);
        }
        Arrays.sort(reservoir);
        return reservoir;
    }

    /** Uniform in (0, 1], so that its logarithm is finite. */
    private static double unitOpenAtZero(SplittableRandom random) {
        return 1.0 - random.nextDouble();
    }
}
