package io.github.facenet4j.reports;

import java.util.List;

/**
 * An HTML table of plain-text cells (escaped here, so a cell can hold any text). Either
 * headed ({@link #of}: a header row, then rows of as many cells) or key/value
 * ({@link #keyValue}: each row a shaded key and its value).
 */
public final class Table {

    private final List<String> header;
    private final StringBuilder rows = new StringBuilder();
    private boolean numeric;

    private Table(List<String> header) {
        this.header = header;
    }

    /** A table with {@code header} as its first row. */
    public static Table of(String... header) {
        if (header.length == 0) {
            throw new IllegalArgumentException("A headed table needs at least one column");
        }
        return new Table(List.of(header));
    }

    /** A table of key/value rows, keys shaded like a header. */
    public static Table keyValue() {
        return new Table(List.of());
    }

    /** Right-aligns every column but the first, for columns of figures. */
    public Table numeric() {
        numeric = true;
        return this;
    }

    /** Adds a row of {@code cells}. */
    public Table row(String... cells) {
        return add("", cells);
    }

    /** Adds a row of {@code cells} drawn as a warning (in red). */
    public Table warning(String... cells) {
        return add(" class=\"warn\"", cells);
    }

    private Table add(String attributes, String... cells) {
        int columns = header.isEmpty() ? 2 : header.size();
        if (cells.length != columns) {
            throw new IllegalArgumentException("A row of this table has " + columns + " cells, got " + cells.length);
        }
        rows.append("<tr").append(attributes).append('>');
        for (int i = 0; i < cells.length; i++) {
            String tag = header.isEmpty() && i == 0 ? "th" : "td";
            rows.append('<').append(tag).append('>').append(Html.escape(cells[i])).append("</").append(tag).append('>');
        }
        rows.append("</tr>\n");
        return this;
    }

    /** The table element. */
    public String html() {
        StringBuilder s = new StringBuilder(numeric ? "<table class=\"num\">\n" : "<table>\n");
        if (!header.isEmpty()) {
            s.append("<tr>");
            for (String h : header) {
                s.append("<th>").append(Html.escape(h)).append("</th>");
            }
            s.append("</tr>\n");
        }
        return s.append(rows).append("</table>\n").toString();
    }

    @Override
    public String toString() {
        return html();
    }
}
