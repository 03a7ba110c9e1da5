package io.github.facenet4j.api;

import java.util.random.RandomGenerator;

/**
 * Generators for {@link RandomCases} tests. Ranges are inclusive at both ends, as a property's
 * stated ranges are. Bounds come up more often than their share: one draw of
 * {@link #between(RandomGenerator, long, long)} in sixteen is the minimum and one the maximum,
 * so that the smallest and largest inputs (one identity, an empty sample, step 0) are tried in
 * every few dozen cases, not left to chance over a wide range.
 *
 * <p>Public, in the api module's test-jar, so that every module's tests share it.
 */
public final class Draw {

    private Draw() {
    }

    /** An int from {@code min} to {@code max}, both included. */
    public static int between(RandomGenerator random, int min, int max) {
        return (int) between(random, (long) min, (long) max);
    }

    /** A long from {@code min} to {@code max}, both included. */
    public static long between(RandomGenerator random, long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("Draw.between needs min ≤ max, got " + min + " > " + max);
        }
        int edge = random.nextInt(16);
        if (edge == 0) {
            return min;
        }
        if (edge == 1) {
            return max;
        }
        if (max < Long.MAX_VALUE) {
            return random.nextLong(min, max + 1);
        }
        if (min > Long.MIN_VALUE) {
            return random.nextLong(min - 1, max) + 1;
        }
        return random.nextLong();
    }

    /**
     * A whole number of hundredths from {@code min} to {@code max} (both multiples of 0.01),
     * such as 0.37: decimal values like a hand-written setting, bounds as often as
     * {@link #between(RandomGenerator, long, long)} gives them.
     */
    public static double hundredths(RandomGenerator random, double min, double max) {
        long low = Math.round(min * 100);
        long high = Math.round(max * 100);
        if (low / 100.0 != min || high / 100.0 != max) {
            throw new IllegalArgumentException("Draw.hundredths needs bounds that are multiples of 0.01, got "
                    + min + " and " + max);
        }
        return between(random, low, high) / 100.0;
    }

    /** One of {@code choices}, each as likely. */
    @SafeVarargs
    public static <T> T oneOf(RandomGenerator random, T... choices) {
        if (choices.length == 0) {
            throw new IllegalArgumentException("Draw.oneOf needs at least one choice");
        }
        return choices[random.nextInt(choices.length)];
    }
}
