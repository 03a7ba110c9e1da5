package io.github.facenet4j.mining.internal;

import static io.github.facenet4j.api.Draw.between;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.RandomCases;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReservoirTest {

    @Test
    void samplesDistinctSortedOrdinalsBelowTheTotal() {
        RandomCases.check(300, random -> {
            assertDistinctSortedOrdinalsBelowTheTotal(between(random, 0, 100_000L), between(random, 0, 500),
                    random.nextLong());
        });
    }

    /** Nothing to draw from, nothing asked for, and exactly or more than everything asked for. */
    @ParameterizedTest(name = "total {0}, k {1}")
    @CsvSource({"0, 0", "0, 7", "7, 0", "1, 1", "7, 7", "7, 8", "7, 500", "100000, 500"})
    void samplesDistinctSortedOrdinalsAtTheEdges(long total, int k) {
        assertDistinctSortedOrdinalsBelowTheTotal(total, k, 42);
    }

    private static void assertDistinctSortedOrdinalsBelowTheTotal(long total, int k, long seed) {
        long[] sample = Reservoir.sample(total, k, new SplittableRandom(seed));

        assertThat(sample).hasSize((int) Math.min(total, k));
        for (int i = 0; i < sample.length; i++) {
            assertThat(sample[i]).isBetween(0L, total - 1);
            if (i > 0) {
                assertThat(sample[i]).isGreaterThan(sample[i - 1]);
            }
        }
    }

    @Test
    void everyOrdinalIsEquallyLikely() {
        int total = 50;
        int k = 10;
        int runs = 20_000;
        int[] hits = new int[total];
        SplittableRandom random = new SplittableRandom(1);
        for (int run = 0; run < runs; run++) {
            for (long ordinal : Reservoir.sample(total, k, random)) {
                hits[(int) ordinal]++;
            }
        }
        // expected 4000 per ordinal, binomial sd ≈ 57: allow 5 sd
        for (int hit : hits) {
            assertThat((double) hit).isCloseTo(runs * (double) k / total, Offset.offset(300.0));
        }
    }
}
