package io.github.facenet4j.reports;

import java.util.Objects;

/**
 * A dashed line across a {@link Chart}'s plot at one value, such as a threshold: vertical at
 * an x value or horizontal at a y value. Its value counts toward the bounds an axis takes
 * from the data, so it is always in view unless the axis has given bounds.
 *
 * @param name        the legend entry (plain text; empty for none)
 * @param color       the colour, {@code #rrggbb}
 * @param orientation vertical (at an x value) or horizontal (at a y value)
 * @param value       where it stands, finite
 */
public record Marker(String name, String color, Orientation orientation, double value) {

    /** Which way the line runs. */
    public enum Orientation {
        /** Across the plot from bottom to top, at an x value. */
        VERTICAL,
        /** Across the plot from left to right, at a y value. */
        HORIZONTAL
    }

    public Marker {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(orientation, "orientation");
        Series.requireColor(name, color);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Marker '" + name + "' needs a finite value, got " + value);
        }
    }

    /** A vertical line at {@code x}. */
    public static Marker vertical(String name, String color, double x) {
        return new Marker(name, color, Orientation.VERTICAL, x);
    }

    /** A horizontal line at {@code y}. */
    public static Marker horizontal(String name, String color, double y) {
        return new Marker(name, color, Orientation.HORIZONTAL, y);
    }
}
