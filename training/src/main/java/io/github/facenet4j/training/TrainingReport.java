package io.github.facenet4j.training;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A training run as one self-contained HTML page: the outcome, the loss and active-triplet
 * curves, VAL@FAR (FaceNet §5) and precision@1 at each validation, the embeddings' spread,
 * the events and the configuration. Like the verification report it needs no other file;
 * its charts are inline SVG drawn here, which keeps the training bundle free of AWT and
 * chart libraries (a front end that prefers XChart can draw from {@link TrainingHistory}).
 */
public final class TrainingReport {

    /** Most points drawn per curve; longer curves are averaged in buckets. */
    static final int MAX_POINTS = 800;
    private static final int WIDTH = 900;
    private static final int HEIGHT = 300;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;

    private TrainingReport() {
    }

    /** One curve. */
    record Series(String name, String color, double[] x, double[] y) {
    }

    /** Writes the page. */
    public static void write(Path file, String title, TrainingHistory history, TrainingResult result,
                             TrainerConfig config) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, page(title, history, result, config), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("Cannot write the training report " + file + ": " + e.getMessage(), e);
        }
    }

    static String page(String title, TrainingHistory h, TrainingResult result, TrainerConfig config) {
        StringBuilder s = new StringBuilder();
        s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title><style>")
                .append("body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}")
                .append("td,th{border:1px solid #ccc;padding:0.25em 0.7em;text-align:left}th{background:#f3f3f3}")
                .append("svg{display:block;margin:0.5em 0 1.5em}.warn{color:#b00}pre{white-space:pre-wrap}")
                .append("</style></head><body>\n<h1>").append(escape(title)).append("</h1>\n");
        s.append("<table>\n");
        row(s, "outcome", result.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        row(s, "message", escape(result.message()));
        row(s, "steps", Long.toString(result.steps()));
        result.lastValidation().ifPresent(v -> {
            row(s, "VAL @ FAR " + sci(config.farTarget()), fixed(v.val()));
            row(s, "precision@1", fixed(v.precisionAt1()));
            row(s, "spread", fixed(v.spread()));
        });
        row(s, "checkpoint", result.checkpoint().map(p -> escape(p.toString()) + " (step " + result.checkpointStep()
                + ")").orElse("none"));
        s.append("</table>\n");

        List<StepRecord> steps = h.steps();
        double[] x = steps.stream().mapToDouble(StepRecord::step).toArray();
        double[] loss = steps.stream().mapToDouble(StepRecord::loss).toArray();
        s.append("<h2>Loss</h2>\n").append(chart("triplet loss per step", List.of(
                new Series("loss", "#9ecae1", x, loss),
                new Series("moving average", "#1f77b4", x, movingAverage(loss, Math.max(1, loss.length / 50)))),
                false));
        s.append("<h2>Active triplets</h2>\n").append(chart("fraction of mined triplets with a positive hinge",
                List.of(new Series("active fraction", "#ff7f0e", x,
                        steps.stream().mapToDouble(StepRecord::activeFraction).toArray())), true));
        List<ValidationRecord> vs = h.validations();
        double[] vx = vs.stream().mapToDouble(ValidationRecord::step).toArray();
        List<Series> quality = new ArrayList<>();
        if (vs.stream().anyMatch(v -> Double.isFinite(v.val()))) {
            quality.add(new Series("VAL @ FAR " + sci(config.farTarget()), "#d62728", vx,
                    vs.stream().mapToDouble(ValidationRecord::val).toArray()));
        }
        quality.add(new Series("precision@1", "#2ca02c", vx,
                vs.stream().mapToDouble(ValidationRecord::precisionAt1).toArray()));
        s.append("<h2>Validation</h2>\n").append(chart("held-out set", quality, true));
        s.append("<h2>Spread</h2>\n").append(chart("mean squared distance between embeddings (2 = spread out, 0 ="
                + " collapsed)", List.of(
                new Series("training batch", "#9467bd", x, steps.stream().mapToDouble(StepRecord::spread).toArray()),
                new Series("held-out set", "#8c564b", vx, vs.stream().mapToDouble(ValidationRecord::spread).toArray())),
                false));
        s.append("<h2>Events</h2>\n");
        List<TrainingEvent> checkpoints = h.events().stream()
                .filter(e -> e.kind() == TrainingEvent.Kind.CHECKPOINT).toList();
        if (!checkpoints.isEmpty()) {
            s.append("<p>").append(checkpoints.size()).append(" checkpoint").append(checkpoints.size() == 1 ? "" : "s")
                    .append(" written, the last at step ").append(checkpoints.get(checkpoints.size() - 1).step())
                    .append(".</p>\n");
        }
        s.append("<table><tr><th>step</th><th>kind</th><th>message</th></tr>\n");
        for (TrainingEvent e : h.events()) {
            if (e.kind() == TrainingEvent.Kind.CHECKPOINT) {
                continue;
            }
            s.append("<tr").append(e.kind().warning() ? " class=\"warn\"" : "").append("><td>").append(e.step())
                    .append("</td><td>").append(e.kind().name().toLowerCase(Locale.ROOT)).append("</td><td>")
                    .append(escape(e.message())).append("</td></tr>\n");
        }
        s.append("</table>\n<h2>Configuration</h2>\n<pre>").append(escape(Json.write(config.describe())))
                .append("</pre>\n<p>Written by facenet4j.</p>\n</body></html>\n");
        return s.toString();
    }

    /** An SVG line chart whose y axis starts at 0 (or lower values); {@code unit} fixes it to [0, 1]. */
    static String chart(String title, List<Series> series, boolean unit) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = 0;
        double yMax = unit ? 1 : Double.NEGATIVE_INFINITY;
        for (Series se : series) {
            for (int i = 0; i < se.x().length; i++) {
                if (Double.isFinite(se.y()[i])) {
                    xMin = Math.min(xMin, se.x()[i]);
                    xMax = Math.max(xMax, se.x()[i]);
                    if (!unit) {
                        yMin = Math.min(yMin, se.y()[i]);
                        yMax = Math.max(yMax, se.y()[i]);
                    }
                }
            }
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT, WIDTH, HEIGHT));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-weight=\"bold\">%s</text>%n", LEFT,
                escape(title)));
        if (xMin > xMax) {
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">no data</text>%n</svg>%n", LEFT, HEIGHT / 2));
            return s.toString();
        }
        if (xMax == xMin) {
            xMax = xMin + 1;
        }
        if (yMax <= yMin) {
            yMax = yMin + 1;
        }
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"#999\"/>%n", LEFT, TOP, plotW, plotH));
        for (int t = 0; t <= 4; t++) {
            double yv = yMin + (yMax - yMin) * t / 4;
            double py = TOP + plotH - plotH * t / 4.0;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, LEFT + plotW, py, py,
                    LEFT - 5, py + 4, tick(yv)));
            double xv = xMin + (xMax - xMin) * t / 4;
            double px = LEFT + plotW * t / 4.0;
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px,
                    TOP + plotH + 16, tick(xv)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">step</text>%n",
                LEFT + plotW / 2, HEIGHT - 5));
        int legendX = LEFT + plotW - 10;
        int legendY = TOP + 16;
        for (Series se : series) {
            double[][] points = downsample(se.x(), se.y());
            if (points[0].length > 0) {
                s.append("<polyline fill=\"none\" stroke=\"").append(se.color()).append("\" stroke-width=\"1.5\"")
                        .append(" points=\"");
                for (int i = 0; i < points[0].length; i++) {
                    double px = LEFT + plotW * (points[0][i] - xMin) / (xMax - xMin);
                    double py = TOP + plotH - plotH * (Math.max(yMin, Math.min(yMax, points[1][i])) - yMin)
                            / (yMax - yMin);
                    s.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                }
                s.append("\"/>\n");
            }
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"%s\" stroke=\"white\""
                    + " stroke-width=\"4\" paint-order=\"stroke\">%s</text>%n",
                    legendX, legendY, se.color(), escape(se.name())));
            legendY += 15;
        }
        return s.append("</svg>\n").toString();
    }

    /** At most {@link #MAX_POINTS} points: bucket means of x and y, non-finite values left out. */
    static double[][] downsample(double[] x, double[] y) {
        List<double[]> finite = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i])) {
                finite.add(new double[] {x[i], y[i]});
            }
        }
        int n = finite.size();
        int buckets = Math.min(n, MAX_POINTS);
        double[][] out = new double[2][buckets];
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            double sx = 0;
            double sy = 0;
            for (int i = from; i < to; i++) {
                sx += finite.get(i)[0];
                sy += finite.get(i)[1];
            }
            out[0][b] = sx / (to - from);
            out[1][b] = sy / (to - from);
        }
        return out;
    }

    /** Trailing mean over {@code window} values. */
    static double[] movingAverage(double[] v, int window) {
        double[] out = new double[v.length];
        double sum = 0;
        int count = 0;
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i])) {
                sum += v[i];
                count++;
            }
            if (i >= window && Double.isFinite(v[i - window])) {
                sum -= v[i - window];
                count--;
            }
            out[i] = count == 0 ? Double.NaN : sum / count;
        }
        return out;
    }

    private static void row(StringBuilder s, String name, String value) {
        s.append("<tr><th>").append(name).append("</th><td>").append(value).append("</td></tr>\n");
    }

    private static String tick(double v) {
        return Math.abs(v) >= 1000 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String fixed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "n/a";
    }

    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.0e", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
