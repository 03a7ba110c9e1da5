package io.github.facenet4j.api.math;

/**
 * A dense matrix of squared L2 distances, row-major with a row stride that may exceed the
 * column count (rows are padded for the vector kernel). Read an entry with
 * {@link #get(int, int)} or walk a row from {@link #rowOffset(int)} in {@link #values()}.
 *
 * @param values  the entries; entry (i, j) is {@code values[i * stride + j]}
 * @param rows    number of rows
 * @param columns number of columns
 * @param stride  distance in {@code values} between consecutive rows, ≥ columns
 */
public record DistanceMatrix(float[] values, int rows, int columns, int stride) {

    public DistanceMatrix {
        if (rows < 0 || columns < 0 || stride < columns || values.length < (long) rows * stride) {
            throw new IllegalArgumentException("Inconsistent distance matrix: " + rows + "×" + columns
                    + " with stride " + stride + " over " + values.length + " values");
        }
    }

    public float get(int row, int column) {
        return values[row * stride + column];
    }

    /** Index in {@link #values()} of entry (row, 0). */
    public int rowOffset(int row) {
        return row * stride;
    }
}
