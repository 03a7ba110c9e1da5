package io.github.facenet4j.evaluators;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.DeclaredSpace;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.api.math.Vectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes embeddings as CSV with the header {@code id,label,e0,e1,…,e{d-1}} and one
 * row per face: a unique id (LFW style {@code Name_0001}), the identity name (not blank),
 * then d finite numbers forming a unit-length vector (FaceNet §3: embeddings live on the
 * hypersphere; its length may be off by {@value #UNIT_TOLERANCE}, for rounded digits).
 * Columns between {@code label} and {@code e0} (such as {@code facenet embed}'s {@code file},
 * {@code face}, {@code x}, {@code y}, {@code width}, {@code height}) are metadata and ignored.
 * Fields follow {@link Csv}: separated by commas, quoted when they hold a comma, a quote or a
 * line break. Blank lines are skipped. Any problem is a {@link BadInputException} naming the
 * file and line and what to do.
 *
 * <p>A first line {@code #space {"model": …, "version": …, "dimension": …, "compatible-with": […]}}
 * (written by {@code facenet embed} from the model card) names the embedding space; files without
 * it still read, their space unknown ({@link LabelledEmbeddings#space()} empty).
 */
public final class EmbeddingsCsv {

    /** How far from 1 the length of a row may be. */
    public static final double UNIT_TOLERANCE = 1e-3;

    private EmbeddingsCsv() {
    }

    /** How the line naming the space starts. */
    public static final String SPACE_PREFIX = "#space ";

    /** The first line (no line end) naming {@code space}: {@code #space} and its JSON. */
    public static String spaceLine(DeclaredSpace space) {
        return SPACE_PREFIX + Json.write(space.toJson());
    }

    /** The header line (no line end): {@code id,label}, the metadata column names, then {@code e0,…,e{d-1}}. */
    public static String header(List<String> metadata, int dimension) {
        List<String> names = new ArrayList<>(List.of("id", "label"));
        names.addAll(metadata);
        for (int k = 0; k < dimension; k++) {
            names.add("e" + k);
        }
        return Csv.record(names);
    }

    /** One row (no line end): id, label and metadata quoted as {@link Csv} needs, then the components. */
    public static String row(String id, String label, List<String> metadata, float[] embedding) {
        List<String> fields = new ArrayList<>(List.of(id, label));
        fields.addAll(metadata);
        for (float v : embedding) {
            fields.add(Float.toString(v));
        }
        return Csv.record(fields);
    }

    /** Reads {@code file}; labels number identities in order of first appearance. */
    public static LabelledEmbeddings read(Path file) {
        return read(file, List.of());
    }

    /**
     * Reads {@code file} numbering labels like {@code labelsOf} does (identities it does not
     * know get new numbers), so probes and a gallery share one label space.
     */
    public static LabelledEmbeddings read(Path file, LabelledEmbeddings labelsOf) {
        return read(file, labelsOf.labelNames());
    }

    private static LabelledEmbeddings read(Path file, List<String> knownLabels) {
        String text = TextLines.text(file);
        Optional<DeclaredSpace> space = Optional.empty();
        if (text.startsWith("#")) {
            int end = text.indexOf('\n');
            String line = (end < 0 ? text : text.substring(0, end)).strip();
            if (!line.startsWith(SPACE_PREFIX.strip())) {
                throw new BadInputException(TextLines.at(file, 0) + ": a first line starting with # must be "
                        + SPACE_PREFIX + "{\"model\": …, \"version\": …, \"dimension\": …}, got '" + line + "'.");
            }
            Object json;
            try {
                json = Json.parse(line.substring(SPACE_PREFIX.strip().length()));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(TextLines.at(file, 0) + ": the space is not valid JSON: " + e.getMessage());
            }
            space = Optional.of(DeclaredSpace.fromJson(json, TextLines.at(file, 0)));
            // the line becomes blank, which the records skip, so later line numbers stay the file's
            text = end < 0 ? "" : text.substring(end);
        }
        List<Csv.Record> records = Csv.records(file, text);
        if (records.isEmpty()) {
            throw new BadInputException(file + " is empty; expected the header id,label,e0,…");
        }
        String[] header = records.get(0).fields();
        int first = firstComponent(file, header, records.get(0).line());
        int dimension = header.length - first;
        List<String> labelNames = new ArrayList<>(knownLabels);
        Map<String, Integer> labelIds = new HashMap<>();
        for (int k = 0; k < labelNames.size(); k++) {
            labelIds.put(labelNames.get(k), k);
        }
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Csv.Record record : records.subList(1, records.size())) {
            int n = record.line();
            String[] fields = record.fields();
            if (fields.length != header.length) {
                throw new BadInputException(TextLines.at(file, n) + ": " + fields.length + " fields, but the header has "
                        + header.length + " (id, label" + (first > 2 ? ", " + (first - 2) + " metadata" : "") + " and "
                        + dimension + " components).");
            }
            if (fields[0].isEmpty() || !seen.add(fields[0])) {
                throw new BadInputException(TextLines.at(file, n) + ": id '" + fields[0]
                        + (fields[0].isEmpty() ? "' is empty." : "' appears twice."));
            }
            if (fields[1].isBlank()) {
                throw new BadInputException(TextLines.at(file, n) + ": the label of '" + fields[0] + "' is blank;"
                        + " give every row the name of its identity.");
            }
            ids.add(fields[0]);
            labels.add(labelIds.computeIfAbsent(fields[1], name -> {
                labelNames.add(name);
                return labelNames.size() - 1;
            }));
            rows.add(parseRow(file, n, fields, header, first));
        }
        if (rows.isEmpty()) {
            throw new BadInputException(file + " has a header but no embeddings.");
        }
        int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        EmbeddingBatch batch = new EmbeddingBatch(rows.toArray(float[][]::new), labelArray);
        if (space.isPresent() && space.get().space().dimension() != dimension) {
            throw new BadInputException(file + " says its space is " + space.get().space().describe() + " but holds "
                    + dimension + "-d embeddings; re-embed the file with its model.");
        }
        return new LabelledEmbeddings(file.toString(), ids, labelNames, batch, space);
    }

    private static float[] parseRow(Path file, int n, String[] fields, String[] header, int first) {
        float[] row = new float[fields.length - first];
        for (int k = 0; k < row.length; k++) {
            String text = fields[k + first];
            float value;
            try {
                value = Float.parseFloat(text);
            } catch (NumberFormatException e) {
                value = Float.NaN;
            }
            if (!Float.isFinite(value)) {
                throw new BadInputException(TextLines.at(file, n) + ": " + header[k + first] + " is '" + text
                        + "', not a finite number.");
            }
            row[k] = value;
        }
        double length = Math.sqrt(Vectors.dot(row, row));
        if (length == 0) {
            throw new BadInputException(TextLines.at(file, n) + ": the embedding of '" + fields[0] + "' is all zeros;"
                    + " re-embed that face, or leave the row out.");
        }
        if (Math.abs(length - 1) > UNIT_TOLERANCE) {
            throw new BadInputException(String.format(Locale.ROOT, "%s: the embedding of '%s' has length %.6g, not 1;"
                    + " normalise every row to unit length (divide it by its length) or re-embed the faces.",
                    TextLines.at(file, n), fields[0], length));
        }
        return row;
    }

    /** The column of e0, after id, label and any metadata columns; checks e1, e2, … follow it. */
    private static int firstComponent(Path file, String[] header, int line) {
        int first = java.util.Arrays.asList(header).indexOf("e0");
        if (header.length < 3 || !header[0].equals("id") || !header[1].equals("label") || first < 2) {
            throw new BadInputException(TextLines.at(file, line) + ": header must be id,label,e0,…,e{d-1}, got '"
                    + String.join(",", header) + "'.");
        }
        for (int k = 2; k < first; k++) {
            if (header[k].isEmpty()) {
                throw new BadInputException(TextLines.at(file, line) + ": header column " + (k + 1) + " is empty.");
            }
        }
        for (int k = first; k < header.length; k++) {
            if (!header[k].equals("e" + (k - first))) {
                throw new BadInputException(TextLines.at(file, line) + ": header column " + (k + 1) + " must be 'e"
                        + (k - first) + "', got '" + header[k] + "'.");
            }
        }
        return first;
    }
}
