package io.github.facenet4j.adapters.internal;

/**
 * Affine least squares with a ridge penalty, in closed form: W and b minimising
 * Σᵢ ‖W xᵢ + b − yᵢ‖² + λ ‖W‖²_F, from the normal equations (X̃ᵀX̃ + λ I′) Θ = X̃ᵀY on the inputs
 * with a constant 1 appended (the bias is not penalised), solved by Cholesky. Maps spaces of
 * any two dimensions; λ = {@code ridge} · tr(XᵀX) / d scales with the data.
 */
final class RidgeRegression {

    private RidgeRegression() {
    }

    /**
     * {@code [W | b]}, row-major: {@code theta[i][k]} for output i and input k, {@code theta[i][d]} the bias.
     *
     * @param ridge the penalty relative to the inputs' mean squared component, ≥ 0
     */
    static double[][] fit(float[][] inputs, float[][] outputs, double ridge) {
        int d = inputs[0].length;
        int e = outputs[0].length;
        int p = d + 1;
        double[][] gram = new double[p][p];
        double[][] cross = new double[p][e];
        double[] x = new double[p];
        for (int n = 0; n < inputs.length; n++) {
            for (int k = 0; k < d; k++) {
                x[k] = inputs[n][k];
            }
            x[d] = 1;
            for (int a = 0; a < p; a++) {
                double xa = x[a];
                double[] row = gram[a];
                for (int b = a; b < p; b++) {
                    row[b] += xa * x[b];
                }
                double[] c = cross[a];
                for (int j = 0; j < e; j++) {
                    c[j] += xa * outputs[n][j];
                }
            }
        }
        double trace = 0;
        for (int a = 0; a < d; a++) {
            trace += gram[a][a];
        }
        double lambda = ridge * trace / d;
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < a; b++) {
                gram[a][b] = gram[b][a];
            }
            if (a < d) {
                gram[a][a] += lambda;
            }
        }
        double[][] solution = Cholesky.solve(gram, cross);
        double[][] theta = new double[e][p];
        for (int a = 0; a < p; a++) {
            for (int j = 0; j < e; j++) {
                theta[j][a] = solution[a][j];
            }
        }
        return theta;
    }
}
