package io.github.facenet4j.distribution.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An evaluator's figures ({@code EvaluationResult.metrics()} values: numbers, strings, lists
 * of numbers) as text, written the same in the command line's table and in the HTML report.
 */
public final class Figures {

    private Figures() {
    }

    /** Floating-point figures to 6 significant digits, lists space-separated, anything else as it prints. */
    public static String text(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return String.format(Locale.ROOT, "%.6g", value);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Figures::text).collect(Collectors.joining(" "));
        }
        return String.valueOf(value);
    }
}
