package io.github.facenet4j.reports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A chart drawn as inline SVG: a title, a legend, a framed plot with grid lines and
 * labelled ticks, axis titles, then the series (histograms first, then marker lines, lines
 * and points, each kind in the order added). The layout is fixed so that positions can be
 * worked out by hand: the picture is {@link #WIDTH} × {@code height} pixels, the plot spans
 * x from {@link #LEFT} to {@code WIDTH − }{@link #RIGHT} and y from {@link #TOP} (plus 16 for
 * each legend row past the first) to {@code height − }{@link #BOTTOM}; larger y values are
 * higher up. A chart with nothing drawable shows "no data" in an empty frame, without a legend.
 *
 * @param title   the heading above the plot (plain text)
 * @param x       the horizontal axis
 * @param y       the vertical axis
 * @param height  the picture's height in pixels, at least {@link #MIN_HEIGHT}
 * @param series  the data, in drawing order within each kind
 * @param markers dashed lines at given values
 */
public record Chart(String title, Axis x, Axis y, int height, List<Series> series, List<Marker> markers) {

    /** Width of every chart, in pixels (the common page column is 960 wide). */
    public static final int WIDTH = 900;
    /** Height of a chart made by {@link #of}. */
    public static final int DEFAULT_HEIGHT = 300;
    /** Smallest height that leaves a plot. */
    public static final int MIN_HEIGHT = 150;
    static final int LEFT = 80;
    static final int RIGHT = 20;
    static final int TOP = 50;
    static final int BOTTOM = 50;
    static final int LEGEND_ROW = 16;
    private static final int TITLE_Y = 18;
    private static final int LEGEND_Y = 38;
    /** A generous estimate of one character's width at the 12 px font, for laying out the legend. */
    private static final int CHAR_WIDTH = 7;
    private static final int SWATCH = 20;
    private static final String DASH = "6 4";

    public Chart {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (height < MIN_HEIGHT) {
            throw new IllegalArgumentException("Chart '" + title + "' must be at least " + MIN_HEIGHT
                    + " pixels high, got " + height);
        }
        series = List.copyOf(series);
        markers = List.copyOf(markers);
    }

    /** An empty chart {@link #DEFAULT_HEIGHT} pixels high. */
    public static Chart of(String title, Axis x, Axis y) {
        return new Chart(title, x, y, DEFAULT_HEIGHT, List.of(), List.of());
    }

    /** This chart with {@code more} series added. */
    public Chart with(Series... more) {
        List<Series> all = new ArrayList<>(series);
        all.addAll(List.of(more));
        return new Chart(title, x, y, height, all, markers);
    }

    /** This chart with {@code more} marker lines added. */
    public Chart with(Marker... more) {
        List<Marker> all = new ArrayList<>(markers);
        all.addAll(List.of(more));
        return new Chart(title, x, y, height, series, all);
    }

    /** This chart {@code pixels} high. */
    public Chart height(int pixels) {
        return new Chart(title, x, y, pixels, series, markers);
    }

    /** The {@code <svg>} element. */
    public String svg() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\""
                + " aria-label=\"%s\">%n",
                WIDTH, height, WIDTH, height, Html.escape(title)));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                LEFT, TITLE_Y, Html.escape(title)));
        double[] xe = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] ye = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        boolean drawable = extents(xe, ye);
        int top = drawable ? TOP + LEGEND_ROW * (legend(s) - 1) : TOP;
        Frame f = new Frame(top, WIDTH - LEFT - RIGHT, height - top - BOTTOM);
        if (!drawable) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                    + " stroke=\"#999\"/>%n<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#666\">no data"
                    + "</text>%n",
                    LEFT, top, f.w, f.h, LEFT + f.w / 2, top + f.h / 2));
            return s.append("</svg>\n").toString();
        }
        f.xr = AxisRange.of(x, xe[0], xe[1]);
        f.yr = AxisRange.of(y, ye[0], ye[1]);
        grid(s, f);
        for (Series se : series) {
            if (se.kind() == Series.Kind.HISTOGRAM) {
                histogram(s, f, se);
            }
        }
        for (Marker m : markers) {
            marker(s, f, m);
        }
        for (Series se : series) {
            if (se.kind() == Series.Kind.LINE) {
                line(s, f, se);
            }
        }
        for (Series se : series) {
            if (se.kind() == Series.Kind.POINTS) {
                for (int i = 0; i < se.x().length; i++) {
                    if (x.drawable(se.x()[i]) && y.drawable(se.y()[i])) {
                        diamond(s, f.px(x.transform(se.x()[i])), f.py(y.transform(se.y()[i])), se.color());
                    }
                }
            }
        }
        return s.append("</svg>\n").toString();
    }

    /** The plot area and, once the data is known, the two axes' ranges. */
    private static final class Frame {
        final int top;
        final int w;
        final int h;
        AxisRange xr;
        AxisRange yr;

        Frame(int top, int w, int h) {
            this.top = top;
            this.w = w;
            this.h = h;
        }

        /** Page x of {@code t} (axis units), held inside the plot. */
        double px(double t) {
            return clamp(LEFT + w * (t - xr.lo) / (xr.hi - xr.lo), LEFT, LEFT + w);
        }

        /** Page y of {@code t} (axis units), held inside the plot. */
        double py(double t) {
            return clamp(top + h - h * (t - yr.lo) / (yr.hi - yr.lo), top, top + h);
        }

        private static double clamp(double v, double lo, double hi) {
            return Math.max(lo, Math.min(hi, v));
        }
    }

    /**
     * The drawable data's extent on each axis, markers included (a histogram's y extent
     * includes its baseline 0 on a linear axis); false when no series has a drawable value.
     */
    private boolean extents(double[] xe, double[] ye) {
        boolean any = false;
        for (Series se : series) {
            if (se.kind() == Series.Kind.HISTOGRAM) {
                boolean edges = true;
                for (double e : se.x()) {
                    edges &= x.drawable(e);
                }
                if (!edges) {
                    continue;
                }
                for (double v : se.y()) {
                    if (y.drawable(v)) {
                        any = true;
                        include(ye, v);
                    }
                }
                include(xe, se.x()[0]);
                include(xe, se.x()[se.x().length - 1]);
                if (y.scale() == Axis.Scale.LINEAR) {
                    include(ye, 0);
                }
            } else {
                for (int i = 0; i < se.x().length; i++) {
                    if (x.drawable(se.x()[i]) && y.drawable(se.y()[i])) {
                        any = true;
                        include(xe, se.x()[i]);
                        include(ye, se.y()[i]);
                    }
                }
            }
        }
        for (Marker m : markers) {
            Axis axis = m.orientation() == Marker.Orientation.VERTICAL ? x : y;
            if (axis.drawable(m.value())) {
                include(m.orientation() == Marker.Orientation.VERTICAL ? xe : ye, m.value());
            }
        }
        return any;
    }

    private static void include(double[] extent, double v) {
        extent[0] = Math.min(extent[0], v);
        extent[1] = Math.max(extent[1], v);
    }

    /** Writes the legend rows; returns how many (at least 1, so the plot's top is fixed without a legend). */
    private int legend(StringBuilder s) {
        int rows = 1;
        int at = LEFT;
        List<Object> entries = new ArrayList<>();
        series.stream().filter(se -> !se.name().isEmpty()).forEach(entries::add);
        markers.stream().filter(m -> !m.name().isEmpty()).forEach(entries::add);
        for (Object entry : entries) {
            String name = entry instanceof Series se ? se.name() : ((Marker) entry).name();
            int width = SWATCH + 6 + CHAR_WIDTH * name.length() + 18;
            if (at > LEFT && at + width > WIDTH - RIGHT) {
                rows++;
                at = LEFT;
            }
            int ty = LEGEND_Y + LEGEND_ROW * (rows - 1);
            double my = ty - 4;
            if (entry instanceof Series se) {
                switch (se.kind()) {
                    case LINE -> s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\""
                            + " stroke=\"%s\" stroke-width=\"2\"/>", at, at + SWATCH, my, my, se.color()));
                    case HISTOGRAM -> s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\""
                            + " height=\"10\" fill=\"%s\" fill-opacity=\"0.25\" stroke=\"%s\"/>", at, my - 5, SWATCH,
                            se.color(), se.color()));
                    case POINTS -> diamond(s, at + SWATCH / 2.0, my, se.color());
                }
            } else {
                Marker m = (Marker) entry;
                s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                        + " stroke-width=\"1.5\" stroke-dasharray=\"%s\"/>", at, at + SWATCH, my, my, m.color(), DASH));
            }
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", at + SWATCH + 6, ty,
                    Html.escape(name)));
            at += width;
        }
        return rows;
    }

    private void grid(StringBuilder s, Frame f) {
        int bottom = f.top + f.h;
        for (double t : f.xr.minor) {
            double px = f.px(t);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\""
                    + " stroke=\"#f2f2f2\"/>%n", px, px, f.top, bottom));
        }
        for (double t : f.yr.minor) {
            double py = f.py(t);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\""
                    + " stroke=\"#f2f2f2\"/>%n", LEFT, LEFT + f.w, py, py));
        }
        for (AxisRange.Tick t : f.xr.ticks) {
            double px = f.px(t.position());
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#e0e0e0\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, px, f.top, bottom, px,
                    bottom + 16, t.label()));
        }
        for (AxisRange.Tick t : f.yr.ticks) {
            double py = f.py(t.position());
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, LEFT + f.w, py, py, LEFT - 6,
                    py + 4, t.label()));
        }
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"#999\"/>%n", LEFT, f.top, f.w, f.h));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + f.w / 2, height - 10, Html.escape(x.label())));
        int cy = f.top + f.h / 2;
        s.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 18"
                + " %d)\">%s</text>%n", cy, cy, Html.escape(y.label())));
    }

    private void histogram(StringBuilder s, Frame f, Series se) {
        double[] edges = se.x();
        for (double e : edges) {
            if (!x.drawable(e)) {
                return;
            }
        }
        double base = y.scale() == Axis.Scale.LINEAR ? f.py(0) : f.top + f.h;
        StringBuilder d = new StringBuilder();
        d.append(String.format(Locale.ROOT, "M%.1f,%.1f", f.px(x.transform(edges[0])), base));
        for (int b = 0; b < se.y().length; b++) {
            double py = y.drawable(se.y()[b]) ? f.py(y.transform(se.y()[b])) : base;
            d.append(String.format(Locale.ROOT, " L%.1f,%.1f L%.1f,%.1f", f.px(x.transform(edges[b])), py,
                    f.px(x.transform(edges[b + 1])), py));
        }
        d.append(String.format(Locale.ROOT, " L%.1f,%.1f Z", f.px(x.transform(edges[edges.length - 1])), base));
        s.append("<path fill=\"").append(se.color()).append("\" fill-opacity=\"0.25\" stroke=\"").append(se.color())
                .append("\" stroke-width=\"1.5\" d=\"").append(d).append("\"/>\n");
    }

    private void marker(StringBuilder s, Frame f, Marker m) {
        boolean vertical = m.orientation() == Marker.Orientation.VERTICAL;
        Axis axis = vertical ? x : y;
        if (!axis.drawable(m.value())) {
            return;
        }
        double t = axis.transform(m.value());
        AxisRange r = vertical ? f.xr : f.yr;
        if (t < r.lo || t > r.hi) {
            return;
        }
        if (vertical) {
            double px = f.px(t);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"", px, px, f.top,
                    f.top + f.h));
        } else {
            double py = f.py(t);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"", LEFT, LEFT + f.w,
                    py, py));
        }
        s.append(" stroke=\"").append(m.color()).append("\" stroke-width=\"1.5\" stroke-dasharray=\"").append(DASH)
                .append("\"/>\n");
    }

    private void line(StringBuilder s, Frame f, Series se) {
        int n = 0;
        double[] px = new double[se.x().length];
        double[] py = new double[se.x().length];
        for (int i = 0; i < se.x().length; i++) {
            if (x.drawable(se.x()[i]) && y.drawable(se.y()[i])) {
                px[n] = f.px(x.transform(se.x()[i]));
                py[n] = f.py(y.transform(se.y()[i]));
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        double[][] points = bucketMeans(Arrays.copyOf(px, n), Arrays.copyOf(py, n), Series.MAX_POINTS);
        if (points[0].length == 1) {
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>%n",
                    points[0][0], points[1][0], se.color()));
            return;
        }
        s.append("<polyline fill=\"none\" stroke=\"").append(se.color()).append("\" stroke-width=\"1.5\"")
                .append(" stroke-linejoin=\"round\" points=\"");
        for (int i = 0; i < points[0].length; i++) {
            s.append(String.format(Locale.ROOT, i == 0 ? "%.1f,%.1f" : " %.1f,%.1f", points[0][i], points[1][i]));
        }
        s.append("\"/>\n");
    }

    private static void diamond(StringBuilder s, double cx, double cy, String color) {
        s.append(String.format(Locale.ROOT, "<path fill=\"%s\" d=\"M%.1f,%.1f L%.1f,%.1f L%.1f,%.1f L%.1f,%.1f Z\"/>%n",
                color, cx, cy - 5, cx + 5, cy, cx, cy + 5, cx - 5, cy));
    }

    /**
     * At most {@code max} points: the points cut into {@code max} runs of consecutive points
     * (as equal as whole numbers allow), each replaced by the mean of its x and of its y.
     */
    static double[][] bucketMeans(double[] x, double[] y, int max) {
        int n = x.length;
        int buckets = Math.min(n, max);
        double[][] out = new double[2][buckets];
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            double sx = 0;
            double sy = 0;
            for (int i = from; i < to; i++) {
                sx += x[i];
                sy += y[i];
            }
            out[0][b] = sx / (to - from);
            out[1][b] = sy / (to - from);
        }
        return out;
    }
}
