package io.github.facenet4j.reports;

import java.util.Objects;

/**
 * One axis of a {@link Chart}: its title, its scale and its bounds. A bound that is NaN comes
 * from the data and is rounded out to the next tick (a linear axis ticks at 1, 2 or 5 times a
 * power of ten, about five ticks; a log10 axis at every power of ten); a given bound is kept
 * as it is, and what lies beyond it is drawn at the edge.
 *
 * @param label the title written along the axis (plain text)
 * @param scale linear or log10
 * @param min   the lower bound, or NaN for the data's
 * @param max   the upper bound, or NaN for the data's
 */
public record Axis(String label, Scale scale, double min, double max) {

    /** How values map to positions along the axis. */
    public enum Scale {
        /** Equal steps in value are equal steps on the page. */
        LINEAR,
        /** Equal ratios are equal steps (each power of ten a tick); values ≤ 0 cannot be drawn. */
        LOG10
    }

    public Axis {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(scale, "scale");
        if (Double.isInfinite(min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("Axis '" + label + "': bounds must be finite or NaN (from the data),"
                    + " got " + min + " and " + max);
        }
        if (!Double.isNaN(min) && !Double.isNaN(max) && !(min < max)) {
            throw new IllegalArgumentException("Axis '" + label + "': the lower bound must be below the upper, got "
                    + min + " and " + max);
        }
        if (scale == Scale.LOG10 && (min <= 0 || max <= 0)) {
            throw new IllegalArgumentException("Axis '" + label + "': a log10 axis needs bounds > 0, got " + min
                    + " and " + max);
        }
    }

    /** A linear axis whose bounds come from the data. */
    public static Axis linear(String label) {
        return new Axis(label, Scale.LINEAR, Double.NaN, Double.NaN);
    }

    /** A log10 axis whose bounds come from the data (its positive values). */
    public static Axis log10(String label) {
        return new Axis(label, Scale.LOG10, Double.NaN, Double.NaN);
    }

    /** This axis starting at {@code lower}, its upper bound from the data. */
    public Axis from(double lower) {
        return new Axis(label, scale, lower, Double.NaN);
    }

    /** This axis over [{@code lower}, {@code upper}] whatever the data. */
    public Axis range(double lower, double upper) {
        return new Axis(label, scale, lower, upper);
    }

    /** Whether {@code value} can be placed on this axis: finite, and > 0 on a log10 axis. */
    boolean drawable(double value) {
        return Double.isFinite(value) && (scale == Scale.LINEAR || value > 0);
    }

    /** {@code value} in the axis' own units: itself, or its log10. */
    double transform(double value) {
        return scale == Scale.LINEAR ? value : Math.log10(value);
    }
}
