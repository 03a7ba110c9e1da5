package io.github.facenet4j.adapters.internal;

/**
 * The singular value decomposition A = U Σ Vᵀ of a square n × n matrix by one-sided Jacobi
 * rotations (Hestenes 1958): plane rotations applied on the right make the columns of A V
 * mutually orthogonal; their lengths are then the singular values and the normalised columns
 * U. Exact to double rounding, quadratically convergent, and simple: fine for the d × d
 * cross-covariance of embeddings (d ≤ 512). Columns whose singular value is 0 (a rank-deficient
 * A) get orthonormal completions, so U is always orthogonal.
 *
 * @param u     left singular vectors, {@code u[i][k]} = U(i, k)
 * @param sigma singular values, in the order of the columns (not sorted)
 * @param v     right singular vectors, {@code v[i][k]} = V(i, k)
 */
record JacobiSvd(double[][] u, double[] sigma, double[][] v) {

    private static final int MAX_SWEEPS = 60;
    private static final double TOLERANCE = 1e-15;

    /** Decomposes {@code a} (row-major, square); {@code a} is not changed. */
    static JacobiSvd of(double[][] a) {
        int n = a.length;
        // columns of the working matrix W = A V and of V, each as one array
        double[][] w = new double[n][n];
        double[][] vc = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("JacobiSvd needs a square matrix, row " + i + " has " + a[i].length);
            }
            for (int j = 0; j < n; j++) {
                w[j][i] = a[i][j];
            }
            vc[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double alpha = dot(w[p], w[p]);
                    double beta = dot(w[q], w[q]);
                    double gamma = dot(w[p], w[q]);
                    if (gamma == 0 || Math.abs(gamma) <= TOLERANCE * Math.sqrt(alpha * beta)) {
                        continue;
                    }
                    rotated = true;
                    // the rotation that zeroes the (p, q) entry of WᵀW (Golub & Van Loan §8.6.3)
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    if (zeta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(1 + t * t);
                    double s = c * t;
                    rotate(w[p], w[q], c, s);
                    rotate(vc[p], vc[q], c, s);
                }
            }
            if (!rotated) {
                break;
            }
        }
        double[] sigma = new double[n];
        double largest = 0;
        for (int k = 0; k < n; k++) {
            sigma[k] = Math.sqrt(dot(w[k], w[k]));
            largest = Math.max(largest, sigma[k]);
        }
        double[][] uc = new double[n][];
        boolean[] missing = new boolean[n];
        for (int k = 0; k < n; k++) {
            if (sigma[k] <= largest * 1e-13 || sigma[k] == 0) {
                missing[k] = true;
                sigma[k] = 0;
            } else {
                uc[k] = scaled(w[k], 1 / sigma[k]);
            }
        }
        complete(uc, missing);
        return new JacobiSvd(transpose(uc), sigma, transpose(vc));
    }

    /** Fills the missing columns with unit vectors orthogonal to the others (Gram–Schmidt on e₀, e₁, …). */
    private static void complete(double[][] columns, boolean[] missing) {
        int n = columns.length;
        int basis = 0;
        for (int k = 0; k < n; k++) {
            if (!missing[k]) {
                continue;
            }
            while (true) {
                double[] e = new double[n];
                e[basis++] = 1;
                for (int twice = 0; twice < 2; twice++) {
                    for (int j = 0; j < n; j++) {
                        if (columns[j] != null) {
                            double projection = dot(e, columns[j]);
                            for (int i = 0; i < n; i++) {
                                e[i] -= projection * columns[j][i];
                            }
                        }
                    }
                }
                double length = Math.sqrt(dot(e, e));
                if (length > 1e-6) {
                    columns[k] = scaled(e, 1 / length);
                    break;
                }
            }
        }
    }

    private static void rotate(double[] p, double[] q, double c, double s) {
        for (int i = 0; i < p.length; i++) {
            double x = p[i];
            double y = q[i];
            p[i] = c * x - s * y;
            q[i] = s * x + c * y;
        }
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double[] scaled(double[] a, double factor) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * factor;
        }
        return out;
    }

    static double[][] transpose(double[][] columns) {
        int n = columns.length;
        int m = n == 0 ? 0 : columns[0].length;
        double[][] rows = new double[m][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                rows[i][j] = columns[j][i];
            }
        }
        return rows;
    }
}
