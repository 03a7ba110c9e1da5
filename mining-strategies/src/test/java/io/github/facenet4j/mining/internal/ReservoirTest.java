package io.github.facenet4j.mining.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ReservoirTest {

    @Property(tries = 300)
    void samplesDistinctSortedOrdinalsBelowTheTotal(@ForAll @LongRange(max = 100_000) long total,
                                                    @ForAll @IntRange(max = 500) int k, @ForAll long seed) {
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
