package io.github.facenet4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RandomCasesTest {

    @Test
    void runsTheSeedsOneToNInOrderEachWithItsOwnGenerator() {
        List<Long> firstDraws = new ArrayList<>();

        RandomCases.check(5, random -> firstDraws.add(random.nextLong()));

        assertThat(firstDraws).containsExactlyElementsOf(
                LongStream.rangeClosed(1, 5).mapToObj(seed -> new SplittableRandom(seed).nextLong()).toList());
    }

    @Test
    void runsEveryCaseAndNamesEveryFailingSeed() {
        List<Long> draws = new ArrayList<>();
        long secondDraw = new SplittableRandom(2).nextLong();
        long fifthDraw = new SplittableRandom(5).nextLong();

        Throwable failure = catchThrowable(() -> RandomCases.check(6, random -> {
            long draw = random.nextLong();
            draws.add(draw);
            if (draw == secondDraw) {
                throw new AssertionError("wrong answer");
            }
            if (draw == fifthDraw) {
                throw new IllegalStateException("broken");
            }
        }));

        assertThat(draws).hasSize(6);
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessage("2 of 6 random cases failed, seeds [2, 5]"
                + " (case N draws from new SplittableRandom(N)); seed 2: wrong answer");
        assertThat(failure.getCause()).hasMessage("wrong answer");
        assertThat(failure.getCause().getSuppressed()).singleElement().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noCasesIsAMistake() {
        assertThatThrownBy(() -> RandomCases.check(0, random -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RandomCases.check needs at least 1 case, got 0");
    }
}
