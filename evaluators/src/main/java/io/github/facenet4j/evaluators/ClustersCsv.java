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

    /** Cluster number of each row of {@code embeddings}, numbered in order of first appearance. */
    public static int[] read(Path file, LabelledEmbeddings embeddings) {
        List<String> lines = TextLines.read(file);
        if (lines.isEmpty() || !Arrays.equals(TextLines.csvFields(lines.get(0)), new String[] {"id", "cluster"})) {
            throw new BadInputException(TextLines.at(file, 0) + ": header must be 'id,cluster'"
                    + (lines.isEmpty() ? ", the file is empty." : ", got '" + lines.get(0) + "'."));
        }
        Map<String, Integer> rows = embeddings.rowsById();
        Map<String, Integer> clusterIds = new HashMap<>();
        int[] clusters = new int[embeddings.ids().size()];
        Arrays.fill(clusters, -1);
        for (int n = 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            String[] fields = TextLines.csvFields(lines.get(n));
            String where = TextLines.at(file, n);
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
