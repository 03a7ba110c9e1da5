package io.github.facenet4j.reports;

import java.util.Objects;

/**
 * The parts every report page shares: text escaping and one page skeleton with the common
 * style sheet. A page is a single self-contained UTF-8 document: charts are inline SVG
 * ({@link Chart}), images (where a page has any) data URIs.
 */
public final class Html {

    /**
     * The common style sheet: a readable column, bordered tables (headed tables have a
     * shaded header row, key/value tables a shaded key column, {@code num} tables right-align
     * every column but the first), {@code warn} rows in red, {@code note} text in grey,
     * wrapped {@code pre}, charts scaled down to fit narrow windows.
     */
    static final String CSS = "body{font-family:sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}"
            + "table{border-collapse:collapse;margin:0.5em 0 1.5em}"
            + "td,th{border:1px solid #ccc;padding:0.25em 0.7em;text-align:left}th{background:#f3f3f3}"
            + "table.num td,table.num th{text-align:right;font-variant-numeric:tabular-nums}"
            + "table.num td:first-child,table.num th:first-child{text-align:left}"
            + "svg{display:block;max-width:100%;height:auto;margin:0.5em 0 1.5em}"
            + ".warn{color:#b00}.note{color:#666;font-size:0.9em}pre{white-space:pre-wrap}";

    private Html() {
    }

    /** {@code text} safe inside an element or a quoted attribute: {@code & < > " '} as entities. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A whole page: {@code title} (plain text) in the head, {@code body} (HTML) under the common style sheet. */
    public static String page(String title, String body) {
        return page(title, "", body);
    }

    /**
     * A whole page as {@link #page(String, String)}, with {@code css} appended to the common
     * style sheet (later rules win, so a page can widen the column or style its own elements).
     * The body ends with the line "Written by facenet4j.".
     */
    public static String page(String title, String css, String body) {
        Objects.requireNonNull(css, "css");
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><style>" + CSS + css + "</style></head><body>\n" + body
                + "<p class=\"note\">Written by facenet4j.</p>\n</body></html>\n";
    }
}
