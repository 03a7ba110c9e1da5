package io.github.facenet4j.distribution.report;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.evaluators.VerificationReport;
import io.github.facenet4j.evaluators.VerificationReport.Histogram;
import io.github.facenet4j.evaluators.VerificationReport.OperatingPoint;
import io.github.facenet4j.evaluators.VerificationReport.Roc;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes a {@link VerificationReport} as one self-contained HTML page: the ROC with a
 * logarithmic FAR axis (as FaceNet's Fig. 5 and 8 draw it), the VAL@FAR table, the per-fold
 * thresholds and accuracies, and histograms of same and different pair distances. Charts are
 * drawn with XChart as PNG and embedded as base64 data URIs, so the page needs no other file.
 */
public final class VerificationHtmlReport {

    /** Most points drawn on the ROC; the exact curve can have one per same pair. */
    private static final int MAX_ROC_POINTS = 2000;
    private static final Color SAME = new Color(0x1f77b4);
    private static final Color DIFF = new Color(0xd62728);

    private VerificationHtmlReport() {
    }

    /** Writes the page for {@code report} of {@code source} to {@code file}. */
    public static void write(VerificationReport report, String source, Path file) {
        System.setProperty("java.awt.headless", "true");
        String html = page(report, source);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("Cannot write the report " + file + ": " + e.getMessage(), e);
        }
    }

    static String page(VerificationReport r, String source) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>facenet4j verification report</title><style>")
                .append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}")
                .append("td,th{border:1px solid #ccc;padding:0.25em 0.7em;text-align:right}")
                .append("th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}")
                .append(".charts img{max-width:100%;display:block;margin:0.5em 0}.note{color:#666;font-size:0.9em}")
                .append("</style></head><body>\n");
        h.append("<h1>Verification: ").append(escape(source)).append("</h1>\n");
        h.append(String.format(Locale.ROOT, "<p>%,d same-identity pairs, %,d different-identity pairs, distance %s."
                + " A pair is accepted when its distance is &le; the threshold; VAL = accepted same / all same,"
                + " FAR = accepted different / all different (FaceNet &sect;5).</p>%n",
                r.pairsSame(), r.pairsDiff(), r.metric().label()));
        h.append("<h2>Summary</h2>\n<table><tr><th>figure</th><th>value</th></tr>\n");
        row(h, "VAL @ FAR " + sci(r.farTarget()), fixed(r.val()));
        row(h, "threshold", fixed(r.threshold()));
        row(h, "FAR at threshold", sci(r.far()));
        row(h, "AUC", String.format(Locale.ROOT, "%.6f", r.auc()));
        row(h, "EER", fixed(r.eer()));
        row(h, r.foldThresholds().length + "-fold accuracy", fixed(r.accuracyMean()) + " &plusmn; "
                + String.format(Locale.ROOT, "%.2g", r.accuracyStd()));
        h.append("</table>\n<h2>VAL at FAR</h2>\n<table><tr><th>target FAR</th><th>threshold</th><th>VAL</th>"
                + "<th>FAR reached</th></tr>\n");
        for (OperatingPoint p : r.valAtFar()) {
            h.append("<tr><td>").append(sci(p.farTarget())).append("</td><td>").append(fixed(p.threshold()))
                    .append("</td><td>").append(fixed(p.val())).append("</td><td>").append(sci(p.far()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Folds</h2>\n<p class=\"note\">Threshold of highest accuracy on the other folds,"
                + " accuracy on this fold (LFW protocol).</p>\n<table><tr><th>fold</th><th>threshold</th>"
                + "<th>accuracy</th></tr>\n");
        for (int f = 0; f < r.foldThresholds().length; f++) {
            h.append("<tr><td>").append(f + 1).append("</td><td>").append(fixed(r.foldThresholds()[f]))
                    .append("</td><td>").append(fixed(r.foldAccuracies()[f])).append("</td></tr>\n");
        }
        h.append("</table>\n<div class=\"charts\">\n<h2>ROC</h2>\n").append(image(rocChart(r), "ROC"))
                .append("<h2>Distances</h2>\n").append(image(histogramChart(r), "distance histograms"))
                .append("</div>\n<p class=\"note\">Written by facenet4j.</p>\n</body></html>\n");
        return h.toString();
    }

    private static XYChart rocChart(VerificationReport r) {
        XYChart chart = new XYChartBuilder().width(1000).height(560).title("ROC (VAL against FAR, log scale)")
                .xAxisTitle("FAR").yAxisTitle("VAL").build();
        style(chart);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        Roc roc = r.roc();
        List<double[]> points = new ArrayList<>();
        double lastLog = Double.NEGATIVE_INFINITY;
        double minFar = 1.0 / Math.max(1, r.pairsDiff());
        double step = (0 - Math.log10(minFar)) / MAX_ROC_POINTS;
        for (int i = 0; i < roc.size(); i++) {
            double far = roc.far()[i];
            if (far <= 0) {
                continue;
            }
            double log = Math.log10(far);
            boolean last = i == roc.size() - 1;
            if (log - lastLog >= step || last || points.isEmpty()) {
                points.add(new double[] {far, roc.val()[i]});
                lastLog = log;
            } else {
                points.get(points.size() - 1)[1] = roc.val()[i];
            }
        }
        if (points.isEmpty()) {
            points.add(new double[] {minFar, 1.0});
        }
        XYSeries curve = chart.addSeries(String.format(Locale.ROOT, "ROC, AUC %.4f", r.auc()),
                points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray());
        curve.setMarker(SeriesMarkers.NONE);
        curve.setLineColor(SAME);
        curve.setLineStyle(new BasicStroke(2f));
        if (r.far() > 0) {
            XYSeries target = chart.addSeries(String.format(Locale.ROOT, "VAL %.4f @ FAR %s", r.val(), sci(r.far())),
                    new double[] {r.far()}, new double[] {r.val()});
            target.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            target.setMarker(SeriesMarkers.DIAMOND);
            target.setMarkerColor(DIFF);
        }
        return chart;
    }

    private static XYChart histogramChart(VerificationReport r) {
        Histogram hist = r.histogram();
        int first = hist.bins();
        int last = -1;
        for (int b = 0; b < hist.bins(); b++) {
            if (hist.same()[b] + hist.diff()[b] > 0) {
                first = Math.min(first, b);
                last = b;
            }
        }
        XYChart chart = new XYChartBuilder().width(1000).height(460)
                .title("Distances of same and different pairs (each normalised to its own total)")
                .xAxisTitle(r.metric().label() + " distance").yAxisTitle("fraction of pairs per bin").build();
        style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        int bins = Math.max(1, last - first + 1);
        double[] x = new double[bins + 1];
        double[] same = new double[bins + 1];
        double[] diff = new double[bins + 1];
        double peak = 0;
        for (int k = 0; k <= bins; k++) {
            int b = Math.min(first + k, hist.bins() - 1);
            x[k] = hist.lower(first + k);
            same[k] = k < bins ? (double) hist.same()[b] / r.pairsSame() : 0;
            diff[k] = k < bins ? (double) hist.diff()[b] / r.pairsDiff() : 0;
            peak = Math.max(peak, Math.max(same[k], diff[k]));
        }
        series(chart, "same identity", x, same, SAME);
        series(chart, "different identities", x, diff, DIFF);
        if (Double.isFinite(r.threshold())) {
            XYSeries line = chart.addSeries("threshold @ FAR " + sci(r.farTarget()),
                    new double[] {r.threshold(), r.threshold()}, new double[] {0, peak});
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Color.BLACK);
            line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        return chart;
    }

    private static void series(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 70));
    }

    private static void style(XYChart chart) {
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xdddddd));
        styler.setLegendBorderColor(new Color(0xcccccc));
        styler.setAntiAlias(true);
    }

    private static String image(XYChart chart, String alt) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "<img alt=\"" + alt + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png)
                    + "\">\n";
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode the " + alt + " chart as PNG", e);
        }
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><td>").append(name).append("</td><td>").append(value).append("</td></tr>\n");
    }

    private static String fixed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "&minus;&infin; (accept none)";
    }

    private static String sci(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.1e", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
