package io.github.facenet4j.api.nn;

import io.github.facenet4j.api.ConfigurationException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable dense float tensor in row-major order: a weight of a {@link Graph}. The
 * values are copied in and copied out, so a tensor can be shared between backends and
 * threads without anyone changing it.
 */
public final class Tensor {

    private final int[] shape;
    private final float[] values;

    /**
     * @param shape  the dimensions, each ≥ 1
     * @param values row-major values; their count is the product of the dimensions
     */
    public Tensor(int[] shape, float[] values) {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(values, "values");
        long count = 1;
        for (int d : shape) {
            if (d < 1) {
                throw new ConfigurationException("Tensor dimensions must be ≥ 1, got " + Arrays.toString(shape));
            }
            count *= d;
        }
        if (count != values.length) {
            throw new ConfigurationException("Tensor of shape " + Arrays.toString(shape) + " needs " + count
                    + " values, got " + values.length);
        }
        this.shape = shape.clone();
        this.values = values.clone();
    }

    /** A copy of the dimensions. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Number of values. */
    public int size() {
        return values.length;
    }

    /** A copy of the values. */
    public float[] values() {
        return values.clone();
    }

    /** The value at a flat row-major index. */
    public float get(int index) {
        return values[index];
    }

    /** Whether this tensor has exactly these dimensions. */
    public boolean hasShape(int... dims) {
        return Arrays.equals(shape, dims);
    }

    /** Same values, different dimensions with the same product. */
    public Tensor reshape(int... dims) {
        return new Tensor(dims, values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
