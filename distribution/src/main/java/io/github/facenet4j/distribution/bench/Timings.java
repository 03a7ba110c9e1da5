package io.github.facenet4j.distribution.bench;

import java.util.Arrays;

/**
 * Summary of repeated wall-clock measurements in milliseconds.
 *
 * @param medianMs median
 * @param minMs    fastest run
 * @param maxMs    slowest run
 * @param runs     number of measured runs
 */
public record Timings(double medianMs, double minMs, double maxMs, int runs) {

    /** Summarises nanosecond samples. */
    public static Timings ofNanos(long[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return new Timings(median / 1e6, sorted[0] / 1e6, sorted[n - 1] / 1e6, n);
    }
}
