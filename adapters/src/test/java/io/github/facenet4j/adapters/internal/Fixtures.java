package io.github.facenet4j.adapters.internal;

import java.util.random.RandomGenerator;

/** Random vectors and rotations for the adapters' tests. */
final class Fixtures {

    private Fixtures() {
    }

    static float[] unit(RandomGenerator random, int d) {
        double[] v = new double[d];
        double norm = 0;
        for (int k = 0; k < d; k++) {
            v[k] = random.nextGaussian();
            norm += v[k] * v[k];
        }
        float[] out = new float[d];
        for (int k = 0; k < d; k++) {
            out[k] = (float) (v[k] / Math.sqrt(norm));
        }
        return out;
    }

    /** A random orthogonal matrix: Gram–Schmidt on Gaussian rows. */
    static double[][] orthogonal(RandomGenerator random, int d) {
        double[][] q = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                q[i][k] = random.nextGaussian();
            }
            for (int twice = 0; twice < 2; twice++) {
                for (int j = 0; j < i; j++) {
                    double p = JacobiSvd.dot(q[i], q[j]);
                    for (int k = 0; k < d; k++) {
                        q[i][k] -= p * q[j][k];
                    }
                }
            }
            double norm = Math.sqrt(JacobiSvd.dot(q[i], q[i]));
            for (int k = 0; k < d; k++) {
                q[i][k] /= norm;
            }
        }
        return q;
    }

    static float[] apply(double[][] m, float[] x) {
        float[] y = new float[m.length];
        for (int i = 0; i < m.length; i++) {
            double sum = 0;
            for (int k = 0; k < x.length; k++) {
                sum += m[i][k] * x[k];
            }
            y[i] = (float) sum;
        }
        return y;
    }

    static float[] normalized(float[] v) {
        return io.github.facenet4j.api.math.Vectors.normalized(v);
    }

    /** Σᵢ ‖R xᵢ − yᵢ‖², in double. */
    static double squaredError(double[][] r, float[][] x, float[][] y) {
        double sum = 0;
        for (int n = 0; n < x.length; n++) {
            for (int i = 0; i < r.length; i++) {
                double z = 0;
                for (int k = 0; k < x[n].length; k++) {
                    z += r[i][k] * x[n][k];
                }
                sum += (z - y[n][i]) * (z - y[n][i]);
            }
        }
        return sum;
    }
}
