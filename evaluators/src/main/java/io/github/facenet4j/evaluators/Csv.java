package io.github.facenet4j.evaluators;

import io.github.facenet4j.api.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV dialect of the embeddings and clusters files, written and read by this one class:
 * RFC 4180 fields separated by commas, a field that holds a comma, a double quote, a line
 * break or blanks at either end enclosed in double quotes with its quotes doubled. Reading,
 * unquoted fields are trimmed, quoted ones kept exactly, and blank lines skipped.
 */
public final class Csv {

    private Csv() {
    }

    /** One record: its fields, and the 0-based line of the file it starts on. */
    record Record(int line, String[] fields) {
    }

    /** {@code value} as one CSV field: as is when that reads back the same, else quoted. */
    public static String field(String value) {
        boolean plain = value.strip().equals(value);
        for (int i = 0; plain && i < value.length(); i++) {
            char c = value.charAt(i);
            plain = c != ',' && c != '"' && c != '\n' && c != '\r';
        }
        return plain ? value : '"' + value.replace("\"", "\"\"") + '"';
    }

    /** The fields joined into one record, each through {@link #field}; no line end. */
    public static String record(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < fields.size(); k++) {
            sb.append(k == 0 ? "" : ",").append(field(fields.get(k)));
        }
        return sb.toString();
    }

    /**
     * The records of {@code text}, the contents of {@code file}; a quoted field may span lines,
     * and a line holding nothing but blanks is no record.
     *
     * @throws BadInputException naming the file and line of a quote that is never closed, or of
     *                           more than blanks between a closing quote and the next comma
     */
    static List<Record> records(Path file, String text) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean anyQuoted = false;
        int line = 0;
        int start = 0;
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            char c = i < n ? text.charAt(i) : '\n';
            if (c == '"' && !quoted && field.toString().isBlank()) {
                int opened = line;
                field.setLength(0);
                for (i++; ; i++) {
                    if (i >= n) {
                        throw new BadInputException(TextLines.at(file, opened) + ": a quoted field is never closed;"
                                + " end it with \" (a quote inside a field is written \"\").");
                    }
                    char q = text.charAt(i);
                    if (q == '"' && i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (q == '"') {
                        break;
                    } else {
                        if (q == '\n' || q == '\r' && !(i + 1 < n && text.charAt(i + 1) == '\n')) {
                            line++;
                        }
                        field.append(q);
                    }
                }
                quoted = true;
                anyQuoted = true;
            } else if (c == ',' || c == '\n' || c == '\r') {
                fields.add(quoted ? field.toString() : field.toString().strip());
                field.setLength(0);
                quoted = false;
                if (c != ',') {
                    if (anyQuoted || fields.size() > 1 || !fields.get(0).isEmpty()) {
                        records.add(new Record(start, fields.toArray(String[]::new)));
                    }
                    fields.clear();
                    anyQuoted = false;
                    if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    start = ++line;
                }
            } else if (quoted) {
                if (!Character.isWhitespace(c)) {
                    throw new BadInputException(TextLines.at(file, line) + ": '" + c + "' after the closing quote of"
                            + " field " + (fields.size() + 1) + "; quote the whole field, writing a quote inside it"
                            + " as \"\".");
                }
            } else {
                field.append(c);
            }
        }
        return records;
    }
}
