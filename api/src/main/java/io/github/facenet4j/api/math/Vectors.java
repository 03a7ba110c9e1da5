package io.github.facenet4j.api.math;

/** Helpers on single {@code float[]} vectors. */
public final class Vectors {

    private static final FloatKernel FLOAT_KERNEL = VectorModule.kernel(FloatKernel.class,
            "io.github.facenet4j.api.math.VectorFloatKernel", ScalarFloatKernel::new);

    private Vectors() {
    }

    /**
     * Σ aᵢ·bᵢ accumulated in float, on the JDK vector API when the JVM has it: the kernel of
     * nearest-neighbour search. It differs from {@link #dot} only by float rounding (about
     * 1e-6 for unit vectors of dimension 128).
     *
     * @throws IllegalArgumentException when the lengths differ
     */
    public static float floatDot(float[] a, float[] b) {
        requireSameLength(a, b);
        return FLOAT_KERNEL.dot(a, b);
    }

    /**
     * ‖a − b‖² accumulated in float, on the JDK vector API when the JVM has it; differs from
     * {@link #squaredDistance} only by float rounding.
     *
     * @throws IllegalArgumentException when the lengths differ
     */
    public static float floatSquaredDistance(float[] a, float[] b) {
        requireSameLength(a, b);
        return FLOAT_KERNEL.squaredDistance(a, b);
    }

    /** True when {@link #floatDot} and {@link #floatSquaredDistance} run on the JDK vector API. */
    public static boolean floatKernelVectorised() {
        return FLOAT_KERNEL instanceof VectorFloatKernel;
    }

    private static void requireSameLength(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length + " components");
        }
    }

    /** Σ aᵢ·bᵢ accumulated in double. */
    public static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    /** ‖a − b‖², accumulated in double. */
    public static double squaredDistance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double diff = (double) a[i] - b[i];
            sum += diff * diff;
        }
        return sum;
    }

    /** A copy of {@code v} scaled to unit L2 norm; a zero vector is returned as zeros. */
    public static float[] normalized(float[] v) {
        double norm = Math.sqrt(dot(v, v));
        float[] out = new float[v.length];
        if (norm == 0) {
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }
}
