package io.github.facenet4j.adapters.internal;

/**
 * The orthogonal Procrustes problem in closed form (Schönemann 1966): the rotation (or
 * reflection) R minimising Σᵢ ‖R xᵢ − yᵢ‖² over orthogonal d × d matrices is R = U Vᵀ, where
 * U Σ Vᵀ is the SVD of the cross-covariance M = Σᵢ yᵢ xᵢᵀ. An orthogonal map keeps lengths, so
 * unit embeddings stay on the hypersphere (FaceNet §3) and distances within the source space
 * are kept exactly: only the frame turns.
 */
final class Procrustes {

    private Procrustes() {
    }

    /**
     * R, row-major ({@code r[i][k]}: output i, input k), for the pairs (xᵢ, yᵢ).
     *
     * @param inputs  n rows of dimension d
     * @param outputs n rows of the same dimension d
     */
    static double[][] fit(float[][] inputs, float[][] outputs) {
        int d = inputs[0].length;
        if (outputs[0].length != d) {
            throw new IllegalArgumentException("Procrustes maps a space onto one of the same dimension, got "
                    + d + " and " + outputs[0].length);
        }
        double[][] m = new double[d][d];
        for (int n = 0; n < inputs.length; n++) {
            float[] x = inputs[n];
            float[] y = outputs[n];
            for (int i = 0; i < d; i++) {
                double yi = y[i];
                double[] row = m[i];
                for (int k = 0; k < d; k++) {
                    row[k] += yi * x[k];
                }
            }
        }
        JacobiSvd svd = JacobiSvd.of(m);
        double[][] r = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    sum += svd.u()[i][j] * svd.v()[k][j];
                }
                r[i][k] = sum;
            }
        }
        return r;
    }
}
