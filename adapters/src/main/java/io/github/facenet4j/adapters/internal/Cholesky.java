package io.github.facenet4j.adapters.internal;

import io.github.facenet4j.api.BadInputException;

/** Solves A X = B for a symmetric positive definite A by its Cholesky factor A = L Lᵀ. */
final class Cholesky {

    private Cholesky() {
    }

    /**
     * X for {@code a} (p × p, symmetric positive definite) and {@code b} (p × m); neither is changed.
     *
     * @throws BadInputException when {@code a} is not positive definite (inputs that do not span
     *                           their space, with no ridge to make up for it)
     */
    static double[][] solve(double[][] a, double[][] b) {
        int p = a.length;
        double[][] l = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new BadInputException("The adapter's least-squares system is singular: the source"
                                + " embeddings do not span their space; fit on more images or set a ridge > 0");
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        int m = b[0].length;
        double[][] x = new double[p][m];
        for (int c = 0; c < m; c++) {
            double[] y = new double[p];
            for (int i = 0; i < p; i++) {
                double sum = b[i][c];
                for (int k = 0; k < i; k++) {
                    sum -= l[i][k] * y[k];
                }
                y[i] = sum / l[i][i];
            }
            for (int i = p - 1; i >= 0; i--) {
                double sum = y[i];
                for (int k = i + 1; k < p; k++) {
                    sum -= l[k][i] * x[k][c];
                }
                x[i][c] = sum / l[i][i];
            }
        }
        return x;
    }
}
