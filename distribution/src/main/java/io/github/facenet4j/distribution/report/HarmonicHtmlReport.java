package io.github.facenet4j.distribution.report;

import io.github.facenet4j.distribution.AtomicFiles;
import io.github.facenet4j.evaluators.VerificationReport;
import io.github.facenet4j.reports.Axis;
import io.github.facenet4j.reports.Chart;
import io.github.facenet4j.reports.Html;
import io.github.facenet4j.reports.Marker;
import io.github.facenet4j.reports.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One HTML page comparing embeddings across model versions (FaceNet §7, Fig. 10): a table of
 * VAL at the target FAR and k-fold accuracy per comparison (v1↔v1, v2↔v1, v2↔v2, …) and their
 * ROC curves on one log-FAR plot, drawn as {@link VerificationHtmlReport} draws one.
 */
public final class HarmonicHtmlReport {

    private static final String[] COLOURS = {"#7f7f7f", "#d62728", "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd"};

    private HarmonicHtmlReport() {
    }

    /** One comparison: its name ("v2↔v1") and the verification report over its pairs. */
    public record Comparison(String name, VerificationReport report) {
    }

    /** Writes the page to {@code file}; {@code notes} is a paragraph of plain text under the title. */
    public static void write(List<Comparison> comparisons, String notes, Path file) {
        AtomicFiles.writeString(file, page(comparisons, notes));
    }

    static String page(List<Comparison> comparisons, String notes) {
        if (comparisons.isEmpty()) {
            throw new IllegalArgumentException("no comparisons");
        }
        VerificationReport first = comparisons.get(0).report();
        StringBuilder h = new StringBuilder("<h1>Harmonic embeddings: comparisons across model versions</h1>\n");
        h.append("<p>").append(Html.escape(notes)).append("</p>\n");
        h.append(String.format(Locale.ROOT, "<p>Each comparison A&harr;B scores the same %,d same-identity and %,d"
                + " different-identity pairs (i, j): A's embedding of image i against B's of image j, %s distance"
                + " (FaceNet &sect;7, Fig. 10).</p>%n", first.pairsSame(), first.pairsDiff(),
                Html.escape(first.metric().label())));
        int folds = first.foldAccuracies().length;
        Table table = Table.of("comparison", "VAL @ FAR " + VerificationHtmlReport.sci(first.farTarget()),
                "FAR reached", "threshold", folds + "-fold accuracy", "AUC").numeric();
        Chart chart = Chart.of("ROC of each comparison (VAL against FAR, log scale)", Axis.log10("FAR"),
                Axis.linear("VAL").range(0, 1)).height(VerificationHtmlReport.ROC_HEIGHT);
        for (int c = 0; c < comparisons.size(); c++) {
            Comparison comparison = comparisons.get(c);
            VerificationReport r = comparison.report();
            table.row(comparison.name(), VerificationHtmlReport.fixed(r.val()), VerificationHtmlReport.sci(r.far()),
                    VerificationHtmlReport.fixed(r.threshold()), VerificationHtmlReport.fixed(r.accuracyMean())
                            + " ± " + String.format(Locale.ROOT, "%.2g", r.accuracyStd()),
                    String.format(Locale.ROOT, "%.4f", r.auc()));
            chart = chart.with(VerificationHtmlReport.rocSeries(r, String.format(Locale.ROOT, "%s: VAL %.3f, AUC %.4f",
                    comparison.name(), r.val(), r.auc()), COLOURS[c % COLOURS.length]));
        }
        chart = chart.with(Marker.vertical("target FAR " + VerificationHtmlReport.sci(first.farTarget()), "#000000",
                first.farTarget()));
        h.append("<h2>Figures</h2>\n").append(table.html());
        h.append("<h2>ROC</h2>\n").append(chart.svg());
        return Html.page("facenet4j harmonic embeddings report", h.toString());
    }
}
