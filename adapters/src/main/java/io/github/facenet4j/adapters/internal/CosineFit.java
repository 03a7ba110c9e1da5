package io.github.facenet4j.adapters.internal;

import io.github.facenet4j.api.AdapterTraining;
import io.github.facenet4j.api.math.Permutation;
import io.github.facenet4j.api.math.Vectors;
import java.util.Arrays;
import java.util.Random;

/**
 * Fits a {@link ResidualMlp} by Adam on mini-batches (see {@link FitSettings} for the
 * objective), with the gradient written out by hand: for an output ẑ = z / ‖z‖ and dLoss/dẑ = g,
 * dLoss/dz = (g − (g·ẑ) ẑ) / ‖z‖; cosine regression has g = −y (unit targets); the triplet term
 * max(0, ‖ẑ − p‖² − ‖ẑ − n‖² + α) = max(0, 2 ẑ·n − 2 ẑ·p + α) for unit p, n has g = 2 (n − p).
 */
final class CosineFit {

    private CosineFit() {
    }

    /** Trains {@code mlp} in place. */
    static void train(ResidualMlp mlp, AdapterTraining data, FitSettings settings, long seed) {
        if (settings.epochs() == 0) {
            return;
        }
        int n = data.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        Adam adam = new Adam(mlp.parameters, settings.learningRate());
        float[] gradient = new float[mlp.parameters.length];
        int[] labels = data.labels().orElse(null);
        double weight = labels == null ? 0 : settings.tripletWeight();
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            Permutation.shuffle(order, random);
            for (int from = 0; from < n; from += settings.batch()) {
                int to = Math.min(n, from + settings.batch());
                int[] rows = Arrays.copyOfRange(order, from, to);
                Arrays.fill(gradient, 0f);
                Batch batch = Batch.forward(mlp, data.inputs(), rows);
                Triplets triplets = weight > 0 ? Triplets.choose(batch, data.outputs(), labels, random) : null;
                batch.lossAndGradient(data.outputs(), triplets, weight, settings.margin(), gradient);
                adam.step(gradient);
            }
        }
    }

    /** For each anchor (a position in the batch): a positive and a negative row, or −1 when it has none. */
    record Triplets(int[] positives, int[] negatives) {

        static Triplets choose(Batch batch, float[][] targets, int[] labels, Random random) {
            int m = batch.rows.length;
            int[] positives = new int[m];
            int[] negatives = new int[m];
            int[] same = new int[m];
            for (int a = 0; a < m; a++) {
                int label = labels[batch.rows[a]];
                int count = 0;
                int hardest = -1;
                double closest = Double.NEGATIVE_INFINITY;
                for (int b = 0; b < m; b++) {
                    int row = batch.rows[b];
                    if (labels[row] == label) {
                        same[count++] = row;
                    } else {
                        double similarity = Vectors.dot(batch.unit[a], targets[row]);
                        if (similarity > closest) {
                            closest = similarity;
                            hardest = row;
                        }
                    }
                }
                positives[a] = same[random.nextInt(count)];
                negatives[a] = hardest;
            }
            return new Triplets(positives, negatives);
        }
    }

    /** One mini-batch's forward passes, kept for the backward ones. */
    static final class Batch {
        final ResidualMlp mlp;
        final float[][] inputs;
        final int[] rows;
        final ResidualMlp.Pass[] passes;
        final float[][] unit;
        final double[] norms;

        private Batch(ResidualMlp mlp, float[][] inputs, int[] rows) {
            this.mlp = mlp;
            this.inputs = inputs;
            this.rows = rows;
            this.passes = new ResidualMlp.Pass[rows.length];
            this.unit = new float[rows.length][mlp.outputs];
            this.norms = new double[rows.length];
        }

        static Batch forward(ResidualMlp mlp, float[][] inputs, int[] rows) {
            Batch batch = new Batch(mlp, inputs, rows);
            for (int a = 0; a < rows.length; a++) {
                ResidualMlp.Pass pass = new ResidualMlp.Pass(mlp.hidden, mlp.outputs);
                mlp.forward(inputs[rows[a]], pass);
                batch.passes[a] = pass;
                double norm = Math.sqrt(Vectors.dot(pass.z, pass.z));
                batch.norms[a] = Math.max(norm, 1e-12);
                for (int i = 0; i < mlp.outputs; i++) {
                    batch.unit[a][i] = (float) (pass.z[i] / batch.norms[a]);
                }
            }
            return batch;
        }

        /**
         * The batch's mean loss; adds its gradient to {@code gradient}.
         *
         * @param triplets the triplet term's choices, or {@code null} for regression only
         */
        double lossAndGradient(float[][] targets, Triplets triplets, double weight, double margin, float[] gradient) {
            int m = rows.length;
            double loss = 0;
            float[] g = new float[mlp.outputs];
            float[] dz = new float[mlp.outputs];
            for (int a = 0; a < m; a++) {
                float[] u = unit[a];
                float[] y = targets[rows[a]];
                loss += 1 - Vectors.dot(u, y);
                for (int i = 0; i < g.length; i++) {
                    g[i] = -y[i];
                }
                if (triplets != null && triplets.negatives[a] >= 0) {
                    float[] p = targets[triplets.positives[a]];
                    float[] n = targets[triplets.negatives[a]];
                    double hinge = 2 * Vectors.dot(u, n) - 2 * Vectors.dot(u, p) + margin;
                    if (hinge > 0) {
                        loss += weight * hinge;
                        for (int i = 0; i < g.length; i++) {
                            g[i] += (float) (weight * 2 * (n[i] - p[i]));
                        }
                    }
                }
                double along = Vectors.dot(g, u);
                for (int i = 0; i < g.length; i++) {
                    dz[i] = (float) ((g[i] - along * u[i]) / norms[a] / m);
                }
                mlp.backward(inputs[rows[a]], passes[a], dz, gradient);
            }
            return loss / m;
        }
    }

    /** Mean cos(f(xᵢ), yᵢ) over the pairs: 1 is a perfect fit. */
    static double meanCosine(ResidualMlp mlp, float[][] inputs, float[][] targets) {
        double sum = 0;
        ResidualMlp.Pass pass = new ResidualMlp.Pass(mlp.hidden, mlp.outputs);
        for (int n = 0; n < inputs.length; n++) {
            mlp.forward(inputs[n], pass);
            sum += Vectors.dot(pass.z, targets[n]) / Math.max(Math.sqrt(Vectors.dot(pass.z, pass.z)), 1e-12);
        }
        return sum / inputs.length;
    }
}
