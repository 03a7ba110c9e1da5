package io.github.facenet4j.evaluators.internal;

import io.github.facenet4j.api.EvaluationInput.Metric;
import io.github.facenet4j.api.math.DistanceMatrix;
import io.github.facenet4j.api.math.SquaredDistances;
import io.github.facenet4j.api.math.Vectors;

/**
 * Distances between the rows of one set (or from queries to it) in row blocks, so that all
 * n² distances stream through a buffer of {@link #BLOCK} × n floats and are never held at
 * once. Every distance is read from the block that starts at a multiple of {@link #BLOCK},
 * so a pair gets the same float whether it is visited as one of all pairs or as an
 * explicit pair: the two modes agree exactly.
 *
 * <p>Cosine distance is ‖â − b̂‖² / 2 = 1 − cos(a, b) on normalised copies; the halving is
 * exact in floating point.
 */
final class Distances {

    /**
     * Rows per block: a multiple of the kernel's 8-row tiles, 8 tiles to share among cores,
     * 64 × 20,000 floats = 5 MB. Measured all-pairs on 20,000 × 128 (2 cores): 7.7 s at 64
     * rows, 11 s at 32, 18 s at 256, whose 20 MB blocks also grew the heap to 2.6 GB.
     */
    static final int BLOCK = 64;

    private final float[][] columns;
    private final float scale;
    private final SquaredDistances prepared;

    Distances(float[][] columns, Metric metric) {
        this.columns = prepare(columns, metric);
        this.scale = metric == Metric.COSINE ? 0.5f : 1f;
        this.prepared = SquaredDistances.against(this.columns);
    }

    /** Rows as the metric needs them: unchanged for l2sq, normalised for cosine. */
    static float[][] prepare(float[][] rows, Metric metric) {
        if (metric == Metric.L2SQ) {
            return rows;
        }
        float[][] unit = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            unit[i] = Vectors.normalized(rows[i]);
        }
        return unit;
    }

    /** The prepared rows, for queries against themselves. */
    float[][] rows() {
        return columns;
    }

    /** Upper bound of any distance: (2 · max norm)² for l2sq, 2 for cosine. */
    double upperBound() {
        return upperBound(columns);
    }

    /** Upper bound of any distance from {@code queries} (prepared rows) to these columns, and among the columns. */
    double upperBound(float[][] queries) {
        if (scale != 1f) {
            return 2.0;
        }
        double max = 0;
        for (float[][] rows : new float[][][] {columns, queries}) {
            for (float[] row : rows) {
                max = Math.max(max, Vectors.dot(row, row));
            }
        }
        return Math.max(4 * max * 1.0001, Float.MIN_NORMAL);
    }

    /** Distances from {@code queries} rows of the block that starts at {@code from}. */
    Block block(float[][] queries, int from) {
        return new Block(from, prepared.from(queries, from, Math.min(from + BLOCK, queries.length)));
    }

    /** One block of rows and their distances to every column. */
    final class Block {
        final int from;
        private final DistanceMatrix matrix;

        Block(int from, DistanceMatrix matrix) {
            this.from = from;
            this.matrix = matrix;
        }

        int to() {
            return from + matrix.rows();
        }

        /** Distance from query row {@code row} (absolute index) to column {@code column}. */
        float get(int row, int column) {
            // "+ 0f" turns a -0 into +0 so that the bit patterns of distances order like their values.
            return matrix.get(row - from, column) * scale + 0f;
        }

        float[] values() {
            return matrix.values();
        }

        /** Offset in {@link #values()} of (row, 0); the entries there still need {@link #scale()}. */
        int offset(int row) {
            return matrix.rowOffset(row - from);
        }

        float scale() {
            return scale;
        }
    }
}
