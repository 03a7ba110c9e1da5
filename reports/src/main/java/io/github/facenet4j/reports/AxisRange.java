package io.github.facenet4j.reports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An axis resolved against the data: its bounds in axis units (values, or their log10), the
 * labelled ticks and the unlabelled minor grid lines (log10 axes: 2 … 9 times each power of
 * ten, while at most {@link #MAX_DECADES} decades are shown).
 */
final class AxisRange {

    /** About this many tick intervals on a linear axis. */
    static final int TARGET_INTERVALS = 5;
    /** Most decades a log10 axis labels each of and draws minor lines for. */
    static final int MAX_DECADES = 10;
    private static final double EPS = 1e-9;

    /** A tick: where it stands, in axis units, and its label. */
    record Tick(double position, String label) {
    }

    final double lo;
    final double hi;
    final List<Tick> ticks;
    final List<Double> minor;

    private AxisRange(double lo, double hi, List<Tick> ticks, List<Double> minor) {
        this.lo = lo;
        this.hi = hi;
        this.ticks = List.copyOf(ticks);
        this.minor = List.copyOf(minor);
    }

    /** {@code axis} over data from {@code dataLo} to {@code dataHi} (drawable values), its own bounds first. */
    static AxisRange of(Axis axis, double dataLo, double dataHi) {
        return axis.scale() == Axis.Scale.LINEAR ? linear(axis, dataLo, dataHi) : log10(axis, dataLo, dataHi);
    }

    private static AxisRange linear(Axis axis, double dataLo, double dataHi) {
        boolean autoLo = Double.isNaN(axis.min());
        boolean autoHi = Double.isNaN(axis.max());
        double lo = autoLo ? dataLo : axis.min();
        double hi = autoHi ? dataHi : axis.max();
        if (!(hi > lo)) {
            if (autoLo && autoHi) {
                lo -= 0.5;
                hi += 0.5;
            } else if (autoHi) {
                hi = lo + 1;
            } else {
                lo = hi - 1;
            }
        }
        double step = niceStep((hi - lo) / TARGET_INTERVALS);
        if (autoLo) {
            lo = Math.floor(lo / step + EPS) * step;
        }
        if (autoHi) {
            hi = Math.ceil(hi / step - EPS) * step;
        }
        int decimals = Math.max(0, -(int) Math.floor(Math.log10(step) + EPS));
        List<Tick> ticks = new ArrayList<>();
        for (long k = (long) Math.ceil(lo / step - EPS); k <= (long) Math.floor(hi / step + EPS); k++) {
            double v = k * step;
            ticks.add(new Tick(v, linearLabel(v, decimals)));
        }
        return new AxisRange(lo, hi, ticks, List.of());
    }

    private static AxisRange log10(Axis axis, double dataLo, double dataHi) {
        boolean autoLo = Double.isNaN(axis.min());
        boolean autoHi = Double.isNaN(axis.max());
        double lo = autoLo ? Math.floor(Math.log10(dataLo) + EPS) : Math.log10(axis.min());
        double hi = autoHi ? Math.ceil(Math.log10(dataHi) - EPS) : Math.log10(axis.max());
        if (!(hi > lo)) {
            if (autoHi) {
                hi = Math.floor(lo + EPS) + 1;
            } else {
                lo = Math.ceil(hi - EPS) - 1;
            }
        }
        long first = (long) Math.ceil(lo - EPS);
        long last = (long) Math.floor(hi + EPS);
        long every = Math.max(1, (last - first + MAX_DECADES - 1) / MAX_DECADES);
        List<Tick> ticks = new ArrayList<>();
        for (long k = first; k <= last; k++) {
            if ((k - first) % every == 0) {
                ticks.add(new Tick(k, logLabel(k)));
            }
        }
        List<Double> minor = new ArrayList<>();
        if (every == 1) {
            for (long d = (long) Math.floor(lo); d < (long) Math.ceil(hi); d++) {
                for (int m = 2; m <= 9; m++) {
                    double t = d + Math.log10(m);
                    if (t > lo && t < hi) {
                        minor.add(t);
                    }
                }
            }
        }
        return new AxisRange(lo, hi, ticks, minor);
    }

    /** {@code raw} rounded to 1, 2, 5 or 10 times its power of ten (at the geometric-ish midpoints 1.5, 3, 7). */
    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * magnitude;
    }

    private static String linearLabel(double v, int decimals) {
        String label = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return label.matches("-0(\\.0*)?") ? label.substring(1) : label;
    }

    /** 10^k: written out from 0.001 to 1000, else {@code 1e-6}, {@code 1e4}. */
    static String logLabel(long k) {
        return Math.abs(k) <= 3 ? BigDecimal.ONE.scaleByPowerOfTen((int) k).toPlainString() : "1e" + k;
    }
}
