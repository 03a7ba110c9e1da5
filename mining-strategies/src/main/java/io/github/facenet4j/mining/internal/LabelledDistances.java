package io.github.facenet4j.mining.internal;

import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.math.DistanceMatrix;
import io.github.facenet4j.api.math.SquaredDistances;
import java.util.HashMap;
import java.util.Map;

/**
 * A batch's pairwise squared L2 distances (FaceNet §3.2 mines on these) together with its
 * identities: for each anchor, the members of its identity in ascending index order.
 */
final class LabelledDistances {

    private final int size;
    private final int[] labels;
    private final float[] values;
    private final int stride;
    /** For each row, the rows of its identity (itself included), ascending; shared per identity. */
    private final int[][] identityOf;

    LabelledDistances(DistanceMatrix distances, int[] labels) {
        if (distances.rows() != labels.length || distances.columns() != labels.length) {
            throw new IllegalArgumentException("A " + distances.rows() + "×" + distances.columns()
                    + " distance matrix does not fit " + labels.length + " labels");
        }
        this.size = labels.length;
        this.labels = labels;
        this.values = distances.values();
        this.stride = distances.stride();
        this.identityOf = groupByLabel(labels);
    }

    /** Distances of {@code batch} from {@link SquaredDistances#pairwise(float[][])}. */
    static LabelledDistances of(EmbeddingBatch batch) {
        return new LabelledDistances(SquaredDistances.pairwise(batch.embeddings()), batch.labels());
    }

    private static int[][] groupByLabel(int[] labels) {
        Map<Integer, int[]> groups = new HashMap<>();
        int[] sizes = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int[] counter = groups.computeIfAbsent(labels[i], key -> new int[1]);
            sizes[i] = ++counter[0];
        }
        // second pass: one shared member array per identity, filled in ascending order
        Map<Integer, int[]> members = new HashMap<>();
        int[][] identityOf = new int[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            int[] group = members.computeIfAbsent(labels[i], key -> new int[groups.get(key)[0]]);
            group[sizes[i] - 1] = i;
            identityOf[i] = group;
        }
        return identityOf;
    }

    int size() {
        return size;
    }

    int[] labels() {
        return labels;
    }

    /** Rows of the identity of {@code row}, {@code row} itself included, ascending. */
    int[] identityOf(int row) {
        return identityOf[row];
    }

    /** Number of rows whose label differs from that of {@code row}. */
    int negativeCount(int row) {
        return size - identityOf[row].length;
    }

    /** The entries; distance (i, j) is {@code values()[rowOffset(i) + j]}. */
    float[] values() {
        return values;
    }

    int rowOffset(int row) {
        return row * stride;
    }
}
