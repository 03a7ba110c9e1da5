package io.github.facenet4j.reports;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One data series of a {@link Chart}, with its legend name and colour.
 *
 * <ul>
 *   <li>{@link Kind#LINE}: points ({@code x[i]}, {@code y[i]}) joined in order; points that
 *       cannot be drawn (NaN, or ≤ 0 on a log10 axis) are left out and their neighbours
 *       joined. Longer than {@link #MAX_POINTS} drawable points, the line is cut down to that
 *       many bucket means (consecutive points, averaged in page coordinates).</li>
 *   <li>{@link Kind#HISTOGRAM}: bins between {@code x[i]} and {@code x[i + 1]} of height
 *       {@code y[i]} (so {@code x} has one value more than {@code y}), drawn as a filled step
 *       outline from 0.</li>
 *   <li>{@link Kind#POINTS}: a diamond at each point, unjoined.</li>
 * </ul>
 *
 * @param name  the legend entry (plain text; empty for none)
 * @param color the colour, {@code #rrggbb}
 * @param kind  how the values are drawn
 * @param x     x values (bin edges for a histogram)
 * @param y     y values (bin heights for a histogram)
 */
public record Series(String name, String color, Kind kind, double[] x, double[] y) {

    /** Most points a line is drawn with. */
    public static final int MAX_POINTS = 800;

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    /** How a series is drawn. */
    public enum Kind {
        /** A polyline through the points. */
        LINE,
        /** Filled steps over bins. */
        HISTOGRAM,
        /** A diamond at each point. */
        POINTS
    }

    public Series {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        requireColor(name, color);
        x = x.clone();
        y = y.clone();
        if (kind == Kind.HISTOGRAM) {
            if (x.length != y.length + 1) {
                throw new IllegalArgumentException("Histogram '" + name + "' needs one bin edge more than bins, got "
                        + x.length + " edges for " + y.length + " bins");
            }
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i]) || i > 0 && !(x[i] > x[i - 1])) {
                    throw new IllegalArgumentException("Histogram '" + name + "' needs finite, increasing bin edges;"
                            + " edge " + i + " is " + x[i]);
                }
            }
        } else if (x.length != y.length) {
            throw new IllegalArgumentException("Series '" + name + "' has " + x.length + " x values but " + y.length
                    + " y values");
        }
    }

    /** A line through ({@code x[i]}, {@code y[i]}). */
    public static Series line(String name, String color, double[] x, double[] y) {
        return new Series(name, color, Kind.LINE, x, y);
    }

    /** Bins [{@code edges[i]}, {@code edges[i + 1]}) of height {@code heights[i]}. */
    public static Series histogram(String name, String color, double[] edges, double[] heights) {
        return new Series(name, color, Kind.HISTOGRAM, edges, heights);
    }

    /** Diamonds at ({@code x[i]}, {@code y[i]}). */
    public static Series points(String name, String color, double[] x, double[] y) {
        return new Series(name, color, Kind.POINTS, x, y);
    }

    static void requireColor(String name, String color) {
        if (color == null || !COLOR.matcher(color).matches()) {
            throw new IllegalArgumentException("'" + name + "' needs a colour written #rrggbb, got " + color);
        }
    }
}
