package io.github.facenet4j.evaluators;

import io.github.facenet4j.api.BadInputException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a predicted clustering from CSV with the header {@code id,cluster}: one line per
 * embedding id, the cluster any string. Every id of the embeddings needs exactly one line.
 */
public final class ClustersCsv {

    private ClustersCsv() {
    }

    /**
     * The text {@link #read} reads: the header {@code id,cluster}, then {@code ids.get(i)} and
     * {@code clusters[i]} per line, ids quoted as {@link Csv} needs.
     */
    public static String write(List<String> ids, int[] clusters) {
        if (ids.size() != clusters.length) {
            throw new IllegalArgumentException(ids.size() + " ids for " + clusters.length + " clusters");
        }
        StringBuilder text = new StringBuilder("id,cluster\n");
        for (int i = 0; i < clusters.length; i++) {
            text.append(Csv.record(List.of(ids.get(i), Integer.toString(clusters[i])))).append('\n');
        }
        return text.toString();
    }

    /** Cluster number of each row of {@code embeddings}, numbered in order of first appearance. */
    public static int[] read(Path file, LabelledEmbeddings embeddings) {
        List<Csv.Record> records = Csv.records(file, TextLines.text(file));
        if (records.isEmpty() || !Arrays.equals(records.get(0).fields(), new String[] {"id", "cluster"})) {
            throw new BadInputException(TextLines.at(file, records.isEmpty() ? 0 : records.get(0).line())
                    + ": header must be 'id,cluster'" + (records.isEmpty() ? ", the file is empty."
                    : ", got '" + Csv.record(List.of(records.get(0).fields())) + "'."));
        }
        Map<String, Integer> rows = embeddings.rowsById();
        Map<String, Integer> clusterIds = new HashMap<>();
        int[] clusters = new int[embeddings.ids().size()];
        Arrays.fill(clusters, -1);
        for (Csv.Record record : records.subList(1, records.size())) {
            String[] fields = record.fields();
            String where = TextLines.at(file, record.line());
            if (fields.length != 2) {
                throw new BadInputException(where + ": " + fields.length + " fields, expected 2 (id,cluster).");
            }
            int row = embeddings.rowOf(rows, fields[0], where);
            if (clusters[row] >= 0) {
                throw new BadInputException(where + ": id '" + fields[0] + "' appears twice.");
            }
            clusters[row] = clusterIds.computeIfAbsent(fields[1], c -> clusterIds.size());
        }
        for (int i = 0; i < clusters.length; i++) {
            if (clusters[i] < 0) {
                throw new BadInputException(file.getFileName() + ": no cluster for id '" + embeddings.ids().get(i)
                        + "' of " + embeddings.source() + ".");
            }
        }
        return clusters;
    }
}
