package io.github.facenet4j.adapters.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.github.facenet4j.api.Draw;
import io.github.facenet4j.api.RandomCases;
import org.junit.jupiter.api.Test;

/** The closed-form fits: SVD, orthogonal Procrustes, ridge least squares. */
class ProcrustesTest {

    @Test
    void jacobiSvdReconstructsTheMatrixWithOrthogonalFactorsEvenWhenRankDeficient() {
        RandomCases.check(30, random -> {
            int d = Draw.between(random, 1, 20);
            int rank = Draw.between(random, 0, d);
            // A = Σₖ<rank aₖ bₖᵀ: rank-deficient unless rank = d
            double[][] a = new double[d][d];
            for (int k = 0; k < rank; k++) {
                double[] u = new double[d];
                double[] v = new double[d];
                for (int i = 0; i < d; i++) {
                    u[i] = random.nextGaussian();
                    v[i] = random.nextGaussian();
                }
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        a[i][j] += u[i] * v[j];
                    }
                }
            }
            JacobiSvd svd = JacobiSvd.of(a);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double sum = 0;
                    double uu = 0;
                    double vv = 0;
                    for (int k = 0; k < d; k++) {
                        sum += svd.u()[i][k] * svd.sigma()[k] * svd.v()[j][k];
                        uu += svd.u()[k][i] * svd.u()[k][j];
                        vv += svd.v()[k][i] * svd.v()[k][j];
                    }
                    assertThat(sum).as("A(%d,%d)", i, j).isCloseTo(a[i][j], offset(1e-9
                            * (1 + Math.abs(a[i][j]))));
                    assertThat(uu).as("UᵀU(%d,%d)", i, j).isCloseTo(i == j ? 1 : 0, offset(1e-9));
                    assertThat(vv).as("VᵀV(%d,%d)", i, j).isCloseTo(i == j ? 1 : 0, offset(1e-9));
                }
            }
            long zeros = java.util.Arrays.stream(svd.sigma()).filter(s -> s == 0).count();
            assertThat(zeros).as("zero singular values").isEqualTo(d - rank);
        });
    }

    @Test
    void procrustesRecoversAKnownRotationFromNoiselessPairs() {
        RandomCases.check(20, random -> {
            int d = Draw.between(random, 2, 64);
            int n = d + Draw.between(random, 0, 3 * d);
            double[][] q = Fixtures.orthogonal(random, d);
            float[][] x = new float[n][];
            float[][] y = new float[n][];
            for (int i = 0; i < n; i++) {
                x[i] = Fixtures.unit(random, d);
                y[i] = Fixtures.apply(q, x[i]);
            }
            double[][] r = Procrustes.fit(x, y);
            for (int i = 0; i < d; i++) {
                for (int k = 0; k < d; k++) {
                    assertThat(Math.abs(r[i][k] - q[i][k])).as("R(%d,%d) of d = %d, n = %d", i, k, d, n)
                            .isLessThanOrEqualTo(1e-5);
                }
            }
        });
    }

    @Test
    void procrustesIsTheLeastSquaresOptimumUnderNoiseAgainstBruteForcePerturbation() {
        RandomCases.check(20, random -> {
            int d = Draw.between(random, 2, 16);
            int n = Draw.between(random, 1, 5 * d);
            double[][] q = Fixtures.orthogonal(random, d);
            double noise = Draw.hundredths(random, 0.05, 1.0);
            float[][] x = new float[n][];
            float[][] y = new float[n][];
            for (int i = 0; i < n; i++) {
                x[i] = Fixtures.unit(random, d);
                float[] z = Fixtures.apply(q, x[i]);
                for (int k = 0; k < d; k++) {
                    z[k] += (float) (noise * random.nextGaussian() / Math.sqrt(d));
                }
                y[i] = Fixtures.normalized(z);
            }
            double[][] r = Procrustes.fit(x, y);
            double best = Fixtures.squaredError(r, x, y);
            // every rotation near R, in a random plane by a random small angle, fits no better
            for (int trial = 0; trial < 60; trial++) {
                int p = Draw.between(random, 0, d - 1);
                int s = (p + Draw.between(random, 1, d - 1)) % d;
                double angle = (random.nextBoolean() ? 1 : -1) * Math.pow(10, -Draw.between(random, 1, 4));
                double[][] turned = new double[d][];
                for (int i = 0; i < d; i++) {
                    turned[i] = r[i].clone();
                }
                for (int k = 0; k < d; k++) {
                    turned[p][k] = Math.cos(angle) * r[p][k] - Math.sin(angle) * r[s][k];
                    turned[s][k] = Math.sin(angle) * r[p][k] + Math.cos(angle) * r[s][k];
                }
                assertThat(Fixtures.squaredError(turned, x, y)).as("turned by %s in plane %d,%d", angle, p, s)
                        .isGreaterThanOrEqualTo(best - 1e-9 * (1 + best));
            }
            // and R is orthogonal
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    assertThat(JacobiSvd.dot(r[i], r[j])).isCloseTo(i == j ? 1 : 0,
                            offset(1e-9));
                }
            }
        });
    }

    @Test
    void procrustesRefusesSpacesOfTwoDimensions() {
        assertThatThrownBy(() -> Procrustes.fit(new float[][] {{1, 0}}, new float[][] {{1, 0, 0}}))
                .hasMessageContaining("same dimension, got 2 and 3");
    }

    @Test
    void ridgeRecoversAnAffineMapExactlyAndIsTheOptimumOfItsPenalisedObjective() {
        RandomCases.check(20, random -> {
            int d = Draw.between(random, 1, 12);
            int e = Draw.between(random, 1, 12);
            int n = 3 * d + 5 + Draw.between(random, 0, 30);
            double[][] w = new double[e][d + 1];
            for (double[] row : w) {
                for (int k = 0; k <= d; k++) {
                    row[k] = random.nextGaussian();
                }
            }
            float[][] x = new float[n][];
            float[][] y = new float[n][];
            for (int i = 0; i < n; i++) {
                x[i] = Fixtures.unit(random, d);
                y[i] = new float[e];
                for (int j = 0; j < e; j++) {
                    double sum = w[j][d];
                    for (int k = 0; k < d; k++) {
                        sum += w[j][k] * x[i][k];
                    }
                    y[i][j] = (float) sum;
                }
            }
            {
                double[][] exact = RidgeRegression.fit(x, y, 0);
                for (int j = 0; j < e; j++) {
                    for (int k = 0; k <= d; k++) {
                        assertThat(exact[j][k]).as("theta(%d,%d)", j, k)
                                .isCloseTo(w[j][k], offset(1e-3));
                    }
                }
            }
            double ridge = Draw.hundredths(random, 0.01, 1);
            double[][] theta = RidgeRegression.fit(x, y, ridge);
            double lambda = ridge * n / d; // unit inputs: tr(XᵀX) = n
            double best = penalised(theta, x, y, lambda);
            for (int trial = 0; trial < 40; trial++) {
                int j = Draw.between(random, 0, e - 1);
                int k = Draw.between(random, 0, d);
                double step = (random.nextBoolean() ? 1 : -1) * Math.pow(10, -Draw.between(random, 1, 4));
                theta[j][k] += step;
                assertThat(penalised(theta, x, y, lambda)).isGreaterThanOrEqualTo(best - 1e-9 * (1 + best));
                theta[j][k] -= step;
            }
        });
    }

    private static double penalised(double[][] theta, float[][] x, float[][] y, double lambda) {
        int d = x[0].length;
        double sum = 0;
        for (int n = 0; n < x.length; n++) {
            for (int j = 0; j < theta.length; j++) {
                double z = theta[j][d];
                for (int k = 0; k < d; k++) {
                    z += theta[j][k] * x[n][k];
                }
                sum += (z - y[n][j]) * (z - y[n][j]);
            }
        }
        for (double[] row : theta) {
            for (int k = 0; k < d; k++) {
                sum += lambda * row[k] * row[k];
            }
        }
        return sum;
    }
}
