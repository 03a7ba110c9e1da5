package io.github.facenet4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DrawTest {

    private static final int DRAWS = 16_000;

    @Test
    void betweenCoversEveryValueOfTheRangeAndGivesEachBoundAboutOneDrawInSixteenExtra() {
        SplittableRandom random = new SplittableRandom(5);
        Map<Integer, Integer> hits = new HashMap<>();
        for (int i = 0; i < DRAWS; i++) {
            hits.merge(Draw.between(random, -2, 5), 1, Integer::sum);
        }
        assertThat(hits).containsOnlyKeys(-2, -1, 0, 1, 2, 3, 4, 5);
        // 8 values: a bound is 1/16 + (14/16)/8 = 11/64 of the draws (2750), an inner value 7/64 (1750);
        // binomial sd ≈ 48 and 40, allow about 5 sd.
        assertThat(hits.get(-2)).isBetween(2500, 3000);
        assertThat(hits.get(5)).isBetween(2500, 3000);
        for (int inner = -1; inner <= 4; inner++) {
            assertThat(hits.get(inner)).isBetween(1550, 1950);
        }
    }

    @Test
    void betweenReachesTheEndsOfTheLongRange() {
        SplittableRandom random = new SplittableRandom(6);
        List<Long> top = new ArrayList<>();
        List<Long> whole = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            top.add(Draw.between(random, 0, Long.MAX_VALUE));
            whole.add(Draw.between(random, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        assertThat(top).allMatch(v -> v >= 0).contains(0L, Long.MAX_VALUE);
        assertThat(whole).contains(Long.MIN_VALUE, Long.MAX_VALUE).anyMatch(v -> v < 0).anyMatch(v -> v > 0);
        assertThat(Draw.between(random, 7, 7)).isEqualTo(7);
    }

    @Test
    void hundredthsAreWholeHundredthsWithinTheBounds() {
        SplittableRandom random = new SplittableRandom(7);
        List<Double> drawn = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            drawn.add(Draw.hundredths(random, 0.05, 3));
        }
        assertThat(drawn).allMatch(v -> v >= 0.05 && v <= 3.0)
                .allMatch(v -> Math.round(v * 100) / 100.0 == v)
                .contains(0.05, 3.0)
                .anyMatch(v -> Math.round(v * 100) % 10 != 0);
    }

    @Test
    void oneOfDrawsEveryChoice() {
        SplittableRandom random = new SplittableRandom(8);
        List<String> drawn = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            drawn.add(Draw.oneOf(random, "a", "b", "c"));
        }
        assertThat(drawn).containsOnly("a", "b", "c");
    }

    @Test
    void impossibleRangesFailInOneClearLine() {
        SplittableRandom random = new SplittableRandom(9);
        assertThatThrownBy(() -> Draw.between(random, 3, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Draw.between needs min ≤ max, got 3 > 2");
        assertThatThrownBy(() -> Draw.hundredths(random, 0.001, 1))
                .hasMessage("Draw.hundredths needs bounds that are multiples of 0.01, got 0.001 and 1.0");
        assertThatThrownBy(() -> Draw.oneOf(random)).hasMessage("Draw.oneOf needs at least one choice");
    }
}
