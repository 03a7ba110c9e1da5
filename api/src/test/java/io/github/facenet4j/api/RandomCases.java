package io.github.facenet4j.api;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Property tests in plain JUnit 5: a property is checked on the seeds 1, 2, …, n, each case
 * drawing all its inputs from a fresh {@code new SplittableRandom(seed)} (with {@link Draw}'s
 * generators where they fit). Every build tries the same cases, and a case is reproduced by its
 * seed alone.
 *
 * <p>All the cases of a property run inside its one test method: a JUnit invocation per case
 * costs more than most cases do. Every case runs even after one fails; the failure names the
 * failing seeds and carries the first failure as its cause (the others as suppressed).
 *
 * <p>Inputs a random draw is unlikely to hit but the property depends on (empty or single
 * inputs, extreme values) belong in explicit cases beside it.
 *
 * <p>Public, in the api module's test-jar, so that every module's tests share it.
 */
public final class RandomCases {

    private RandomCases() {
    }

    /** Runs {@code property} once for each seed from 1 to {@code cases}. */
    public static void check(int cases, Consumer<SplittableRandom> property) {
        if (cases < 1) {
            throw new IllegalArgumentException("RandomCases.check needs at least 1 case, got " + cases);
        }
        List<Long> failedSeeds = new ArrayList<>();
        Throwable first = null;
        for (long seed = 1; seed <= cases; seed++) {
            try {
                property.accept(new SplittableRandom(seed));
            } catch (AssertionError | RuntimeException failure) {
                failedSeeds.add(seed);
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        if (first != null) {
            throw new AssertionError(failedSeeds.size() + " of " + cases + " random cases failed, seeds "
                    + failedSeeds + " (case N draws from new SplittableRandom(N)); seed " + failedSeeds.get(0)
                    + ": " + first.getMessage(), first);
        }
    }
}
