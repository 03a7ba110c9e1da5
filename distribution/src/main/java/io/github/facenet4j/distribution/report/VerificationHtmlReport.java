package io.github.facenet4j.distribution.report;

import io.github.facenet4j.distribution.AtomicFiles;
import io.github.facenet4j.evaluators.VerificationReport;
import io.github.facenet4j.evaluators.VerificationReport.Histogram;
import io.github.facenet4j.evaluators.VerificationReport.OperatingPoint;
import io.github.facenet4j.evaluators.VerificationReport.Roc;
import io.github.facenet4j.reports.Axis;
import io.github.facenet4j.reports.Chart;
import io.github.facenet4j.reports.Html;
import io.github.facenet4j.reports.Marker;
import io.github.facenet4j.reports.Series;
import io.github.facenet4j.reports.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link VerificationReport} as one self-contained HTML page: the VAL@FAR table, the
 * per-fold thresholds and accuracies, the ROC with a logarithmic FAR axis (as FaceNet's
 * Fig. 5 and 8 draw it) and histograms of same and different pair distances with the
 * threshold marked. Charts are inline SVG from the reports module, so the page needs no
 * other file. Written atomically: a reader never sees half a page.
 */
public final class VerificationHtmlReport {

    private static final String SAME = "#1f77b4";
    private static final String DIFF = "#d62728";
    private static final String TARGET = "#7f7f7f";
    private static final String THRESHOLD = "#000000";
    static final int ROC_HEIGHT = 420;
    static final int HISTOGRAM_HEIGHT = 340;

    private VerificationHtmlReport() {
    }

    /** Writes the page for {@code report} of {@code source} to {@code file}. */
    public static void write(VerificationReport report, String source, Path file) {
        AtomicFiles.writeString(file, page(report, source));
    }

    static String page(VerificationReport r, String source) {
        StringBuilder h = new StringBuilder();
        h.append("<h1>Verification: ").append(Html.escape(source)).append("</h1>\n");
        h.append(String.format(Locale.ROOT, "<p>%,d same-identity pairs, %,d different-identity pairs, distance %s."
                + " A pair is accepted when its distance is &le; the threshold; VAL = accepted same / all same,"
                + " FAR = accepted different / all different (FaceNet &sect;4).</p>%n",
                r.pairsSame(), r.pairsDiff(), Html.escape(r.metric().label())));
        h.append("<h2>Summary</h2>\n").append(Table.keyValue().numeric()
                .row("VAL @ FAR " + sci(r.farTarget()), fixed(r.val()))
                .row("threshold", fixed(r.threshold()))
                .row("FAR at threshold", sci(r.far()))
                .row("AUC", String.format(Locale.ROOT, "%.6f", r.auc()))
                .row("EER", fixed(r.eer()))
                .row(r.foldThresholds().length + "-fold accuracy", fixed(r.accuracyMean()) + " ± "
                        + String.format(Locale.ROOT, "%.2g", r.accuracyStd())).html());
        Table table = Table.of("target FAR", "threshold", "VAL", "FAR reached").numeric();
        for (OperatingPoint p : r.valAtFar()) {
            table.row(sci(p.farTarget()), fixed(p.threshold()), fixed(p.val()), sci(p.far()));
        }
        h.append("<h2>VAL at FAR</h2>\n").append(table.html());
        Table folds = Table.of("fold", "threshold", "accuracy").numeric();
        for (int f = 0; f < r.foldThresholds().length; f++) {
            folds.row(Integer.toString(f + 1), fixed(r.foldThresholds()[f]), fixed(r.foldAccuracies()[f]));
        }
        h.append("<h2>Folds</h2>\n<p class=\"note\">Threshold of highest accuracy on the other folds, accuracy on"
                + " this fold (LFW protocol).</p>\n").append(folds.html());
        h.append("<h2>ROC</h2>\n").append(String.format(Locale.ROOT, "<p class=\"note\">FAR 0 has no place on a log"
                + " axis: the curve starts at FAR 1/|P_diff| = %s with the VAL reached at FAR 0.</p>%n",
                sci(minFar(r)))).append(rocChart(r).svg());
        h.append("<h2>Distances</h2>\n").append(histogramChart(r).svg());
        return Html.page("facenet4j verification report", h.toString());
    }

    private static double minFar(VerificationReport r) {
        return 1.0 / Math.max(1, r.pairsDiff());
    }

    /**
     * VAL against FAR at each ROC corner with FAR &gt; 0; the corners at FAR 0 are drawn as
     * one point at the smallest FAR there is, 1/|P_diff|, with the highest VAL among them
     * (the ROC is flat from FAR 0 to its next corner, so the point lies on it).
     */
    static Chart rocChart(VerificationReport r) {
        Chart chart = Chart.of("ROC (VAL against FAR, log scale)", Axis.log10("FAR"), Axis.linear("VAL").range(0, 1))
                .height(ROC_HEIGHT)
                .with(rocSeries(r, String.format(Locale.ROOT, "ROC, AUC %.4f", r.auc()), SAME))
                .with(Marker.vertical("target FAR " + sci(r.farTarget()), TARGET, r.farTarget()));
        if (r.far() > 0) {
            chart = chart.with(Series.points(String.format(Locale.ROOT, "VAL %.4f @ FAR %s", r.val(), sci(r.far())),
                    DIFF, new double[] {r.far()}, new double[] {r.val()}));
        }
        return chart;
    }

    /** The ROC of {@code r} as one line for a log-FAR chart (see {@link #rocChart}). */
    public static Series rocSeries(VerificationReport r, String name, String color) {
        Roc roc = r.roc();
        List<double[]> points = new ArrayList<>();
        boolean anyAtZero = false;
        double valAtZero = 0;
        for (int i = 0; i < roc.size(); i++) {
            if (roc.far()[i] > 0) {
                points.add(new double[] {roc.far()[i], roc.val()[i]});
            } else {
                anyAtZero = true;
                valAtZero = Math.max(valAtZero, roc.val()[i]);
            }
        }
        if (anyAtZero) {
            points.add(0, new double[] {minFar(r), valAtZero});
        }
        return Series.line(name, color, points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray());
    }

    /** Same and different pair distances, each as a fraction of its own total, over the bins that hold any. */
    static Chart histogramChart(VerificationReport r) {
        Histogram hist = r.histogram();
        int first = hist.bins();
        int last = -1;
        for (int b = 0; b < hist.bins(); b++) {
            if (hist.same()[b] + hist.diff()[b] > 0) {
                first = Math.min(first, b);
                last = b;
            }
        }
        if (last < 0) {
            first = 0;
            last = hist.bins() - 1;
        }
        int bins = last - first + 1;
        double[] edges = new double[bins + 1];
        double[] same = new double[bins];
        double[] diff = new double[bins];
        for (int k = 0; k <= bins; k++) {
            edges[k] = hist.lower(first + k);
            if (k < bins) {
                same[k] = (double) hist.same()[first + k] / r.pairsSame();
                diff[k] = (double) hist.diff()[first + k] / r.pairsDiff();
            }
        }
        Chart chart = Chart.of("Distances of same and different pairs (each normalised to its own total)",
                        Axis.linear(r.metric().label() + " distance"), Axis.linear("fraction of pairs per bin").from(0))
                .height(HISTOGRAM_HEIGHT)
                .with(Series.histogram("same identity", SAME, edges, same),
                        Series.histogram("different identities", DIFF, edges, diff));
        if (Double.isFinite(r.threshold())) {
            chart = chart.with(Marker.vertical("threshold @ FAR " + sci(r.farTarget()), THRESHOLD, r.threshold()));
        }
        return chart;
    }

    static String fixed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "−∞ (accept none)";
    }

    static String sci(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.1e", v);
    }
}
