package io.github.facenet4j.distribution.report;

import io.github.facenet4j.api.EvaluationResult;
import io.github.facenet4j.distribution.AtomicFiles;
import io.github.facenet4j.reports.Html;
import io.github.facenet4j.reports.Table;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes any evaluator's {@link EvaluationResult} as one self-contained HTML page: the
 * evaluator, the input files and a table of its figures in the order it reported them (the
 * page parts of the reports module). Evaluators whose results the launcher knows get richer
 * pages ({@link VerificationHtmlReport}). Written atomically.
 */
public final class EvaluationHtmlReport {

    private EvaluationHtmlReport() {
    }

    /** Writes the page for {@code result} of {@code source} (the input, in words) to {@code file}. */
    public static void write(EvaluationResult result, String source, Path file) {
        AtomicFiles.writeString(file, page(result, source));
    }

    static String page(EvaluationResult result, String source) {
        Table figures = Table.keyValue().numeric();
        for (Map.Entry<String, Object> metric : result.metrics().entrySet()) {
            figures.row(metric.getKey(), Figures.text(metric.getValue()));
        }
        String body = "<h1>Evaluation: " + Html.escape(result.evaluator()) + "</h1>\n"
                + "<p>Evaluator <code>" + Html.escape(result.evaluator()) + "</code> on "
                + Html.escape(source) + ".</p>\n"
                + "<h2>Figures</h2>\n" + figures.html();
        return Html.page("facenet4j " + result.evaluator() + " report", body);
    }
}
