package io.github.facenet4j.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AxisRangeTest {

    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(AxisRange.niceStep(0.36)).isCloseTo(0.5, within(1e-12));
        assertThat(AxisRange.niceStep(2)).isEqualTo(2);
        assertThat(AxisRange.niceStep(1000)).isEqualTo(1000);
        assertThat(AxisRange.niceStep(1400)).isEqualTo(1000);
        assertThat(AxisRange.niceStep(7.5)).isEqualTo(10);
        assertThat(AxisRange.niceStep(0.0436)).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void stepAxisOfTrainingRunStartsAtZeroAndTicksInThousands() {
        AxisRange r = AxisRange.of(Axis.linear("step"), 1, 5000);
        assertThat(r.lo).isEqualTo(0);
        assertThat(r.hi).isEqualTo(5000);
        assertThat(r.ticks).extracting(AxisRange.Tick::label).containsExactly("0", "1000", "2000", "3000", "4000",
                "5000");
    }

    @Test
    void givenBoundsAreKeptAndOnlyTheOtherIsRounded() {
        AxisRange r = AxisRange.of(Axis.linear("loss").from(0), 0.02, 0.218);
        // 0.218 / 5 = 0.0436 → step 0.05, upper bound 0.25
        assertThat(r.lo).isEqualTo(0);
        assertThat(r.hi).isCloseTo(0.25, within(1e-12));
        assertThat(r.ticks).extracting(AxisRange.Tick::label).containsExactly("0.00", "0.05", "0.10", "0.15", "0.20",
                "0.25");
        AxisRange fixed = AxisRange.of(Axis.linear("x").range(0.3, 1.7), 0.5, 0.6);
        assertThat(fixed.lo).isEqualTo(0.3);
        assertThat(fixed.hi).isEqualTo(1.7);
        // step 0.2 inside [0.3, 1.7]: 0.4 … 1.6
        assertThat(fixed.ticks).extracting(AxisRange.Tick::label).containsExactly("0.4", "0.6", "0.8", "1.0", "1.2",
                "1.4", "1.6");
    }

    @Test
    void dataBeyondAGivenLowerBoundStillGivesAnAxis() {
        AxisRange r = AxisRange.of(Axis.linear("y").from(0), -3, -1);
        assertThat(r.lo).isEqualTo(0);
        assertThat(r.hi).isEqualTo(1);
    }

    @Test
    void negativeZeroIsWrittenZero() {
        AxisRange r = AxisRange.of(Axis.linear("y"), -1, 1);
        assertThat(r.ticks).extracting(AxisRange.Tick::label).contains("0.0").doesNotContain("-0.0");
    }

    @Test
    void logLabelsAreWrittenOutNearOneAndInENotationBeyond() {
        assertThat(AxisRange.logLabel(-6)).isEqualTo("1e-6");
        assertThat(AxisRange.logLabel(-4)).isEqualTo("1e-4");
        assertThat(AxisRange.logLabel(-3)).isEqualTo("0.001");
        assertThat(AxisRange.logLabel(0)).isEqualTo("1");
        assertThat(AxisRange.logLabel(3)).isEqualTo("1000");
        assertThat(AxisRange.logLabel(4)).isEqualTo("1e4");
    }

    @Test
    void logAxisTicksEveryPowerOfTenOrEverySecondBeyondTenDecades() {
        AxisRange six = AxisRange.of(Axis.log10("FAR"), 8.8e-6, 1);
        assertThat(six.lo).isEqualTo(-6);
        assertThat(six.hi).isEqualTo(0);
        assertThat(six.ticks).extracting(AxisRange.Tick::position).containsExactly(-6.0, -5.0, -4.0, -3.0, -2.0, -1.0,
                0.0);
        assertThat(six.minor).hasSize(6 * 8);
        AxisRange wide = AxisRange.of(Axis.log10("x"), 1e-12, 1e8);
        assertThat(wide.ticks).extracting(AxisRange.Tick::position).containsExactly(-12.0, -10.0, -8.0, -6.0, -4.0,
                -2.0, 0.0, 2.0, 4.0, 6.0, 8.0);
        assertThat(wide.minor).isEmpty();
    }

    @Test
    void logAxisOverOneValueSpansItsDecade() {
        AxisRange r = AxisRange.of(Axis.log10("x"), 1, 1);
        assertThat(r.lo).isEqualTo(0);
        assertThat(r.hi).isEqualTo(1);
        AxisRange fixedTop = AxisRange.of(Axis.log10("x").range(1e-3, 1), 5, 5);
        assertThat(fixedTop.lo).isCloseTo(-3, within(1e-12));
        assertThat(fixedTop.hi).isEqualTo(0);
    }
}
