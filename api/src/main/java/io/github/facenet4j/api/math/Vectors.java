package io.github.facenet4j.api.math;

/** Helpers on single {@code float[]} vectors. */
public final class Vectors {

    private Vectors() {
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
