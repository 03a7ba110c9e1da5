package io.github.facenet4j.models;

/**
 * How close a computed descriptor is to face-api's: cosine similarity and the largest
 * absolute difference of one value. Public, in the test-jar, for the backends' parity tests.
 */
public record ParityStats(double cosine, double maxAbsDiff) {

    /** Compares two descriptors of the same length (in double precision). */
    public static ParityStats of(float[] actual, float[] expected) {
        if (actual.length != expected.length || actual.length == 0) {
            throw new IllegalArgumentException(
                    "descriptor lengths differ or are zero: " + actual.length + " vs " + expected.length);
        }
        double dot = 0;
        double na = 0;
        double ne = 0;
        double maxDiff = 0;
        for (int i = 0; i < actual.length; i++) {
            dot += (double) actual[i] * expected[i];
            na += (double) actual[i] * actual[i];
            ne += (double) expected[i] * expected[i];
            maxDiff = Math.max(maxDiff, Math.abs((double) actual[i] - expected[i]));
        }
        return new ParityStats(dot / Math.sqrt(na * ne), maxDiff);
    }

    /** Squared Euclidean distance between the L2-normalised forms of two vectors. */
    public static double normalisedSquaredDistance(float[] a, float[] b) {
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        double sa = 1 / Math.sqrt(na);
        double sb = 1 / Math.sqrt(nb);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] * sa - b[i] * sb;
            sum += d * d;
        }
        return sum;
    }

    @Override
    public String toString() {
        return String.format("cosine %.10f (1 − cosine %.1e), max |difference| %.2e", cosine, 1 - cosine, maxAbsDiff);
    }
}
