package io.github.facenet4j.adapters.internal;

import java.util.Random;

/**
 * The map both built-in adapters fit: z = L x + c + W₂ relu(W₁ x + b₁), output z / ‖z‖. With no
 * hidden units it is the affine (or, c = 0 and L orthogonal, Procrustes) map of {@code linear};
 * {@code mlp} adds one hidden layer on top of that closed-form start, so it starts where the
 * linear fit ends and only improves on it. All parameters live in one array, in the order
 * L (out × in), c (out), W₁ (hidden × in), b₁ (hidden), W₂ (out × hidden), row-major, so one
 * optimiser and one weights file serve both.
 */
final class ResidualMlp {

    final int inputs;
    final int outputs;
    final int hidden;
    final float[] parameters;

    private final int offsetC;
    private final int offsetW1;
    private final int offsetB1;
    private final int offsetW2;

    ResidualMlp(int inputs, int outputs, int hidden, float[] parameters) {
        if (inputs < 1 || outputs < 1 || hidden < 0) {
            throw new IllegalArgumentException("sizes " + inputs + " → " + hidden + " → " + outputs);
        }
        this.inputs = inputs;
        this.outputs = outputs;
        this.hidden = hidden;
        this.offsetC = outputs * inputs;
        this.offsetW1 = offsetC + outputs;
        this.offsetB1 = offsetW1 + hidden * inputs;
        this.offsetW2 = offsetB1 + hidden;
        if (parameters.length != count(inputs, outputs, hidden)) {
            throw new IllegalArgumentException("expected " + count(inputs, outputs, hidden) + " parameters, got "
                    + parameters.length);
        }
        this.parameters = parameters;
    }

    static int count(int inputs, int outputs, int hidden) {
        return outputs * inputs + outputs + hidden * inputs + hidden + outputs * hidden;
    }

    /**
     * The affine map {@code theta} ([L | c] row-major, c optional) with {@code hidden} units whose
     * W₁ is He-initialised (seeded) and W₂ zero, so the map starts as the affine one.
     */
    static ResidualMlp startingAt(double[][] theta, int inputs, int hidden, long seed) {
        int outputs = theta.length;
        ResidualMlp mlp = new ResidualMlp(inputs, outputs, hidden, new float[count(inputs, outputs, hidden)]);
        for (int i = 0; i < outputs; i++) {
            for (int k = 0; k < inputs; k++) {
                mlp.parameters[i * inputs + k] = (float) theta[i][k];
            }
            mlp.parameters[mlp.offsetC + i] = theta[i].length > inputs ? (float) theta[i][inputs] : 0f;
        }
        Random random = new Random(seed);
        double scale = Math.sqrt(2.0 / inputs);
        for (int p = mlp.offsetW1; p < mlp.offsetB1; p++) {
            mlp.parameters[p] = (float) (random.nextGaussian() * scale);
        }
        return mlp;
    }

    /** What one forward pass keeps for the backward pass. */
    static final class Pass {
        final float[] preActivation;
        final float[] z;

        Pass(int hidden, int outputs) {
            preActivation = new float[hidden];
            z = new float[outputs];
        }
    }

    /** z for {@code x}, into {@code pass}. */
    void forward(float[] x, Pass pass) {
        float[] w = parameters;
        for (int j = 0; j < hidden; j++) {
            int row = offsetW1 + j * inputs;
            double sum = w[offsetB1 + j];
            for (int k = 0; k < inputs; k++) {
                sum += w[row + k] * x[k];
            }
            pass.preActivation[j] = (float) sum;
        }
        for (int i = 0; i < outputs; i++) {
            int row = i * inputs;
            double sum = w[offsetC + i];
            for (int k = 0; k < inputs; k++) {
                sum += w[row + k] * x[k];
            }
            int row2 = offsetW2 + i * hidden;
            for (int j = 0; j < hidden; j++) {
                float a = pass.preActivation[j];
                if (a > 0) {
                    sum += w[row2 + j] * a;
                }
            }
            pass.z[i] = (float) sum;
        }
    }

    /** Adds to {@code gradient} the parameters' gradient for dLoss/dz = {@code dz} at {@code x}. */
    void backward(float[] x, Pass pass, float[] dz, float[] gradient) {
        float[] w = parameters;
        for (int i = 0; i < outputs; i++) {
            float g = dz[i];
            if (g == 0) {
                continue;
            }
            int row = i * inputs;
            for (int k = 0; k < inputs; k++) {
                gradient[row + k] += g * x[k];
            }
            gradient[offsetC + i] += g;
            int row2 = offsetW2 + i * hidden;
            for (int j = 0; j < hidden; j++) {
                float a = pass.preActivation[j];
                if (a > 0) {
                    gradient[row2 + j] += g * a;
                }
            }
        }
        for (int j = 0; j < hidden; j++) {
            if (pass.preActivation[j] <= 0) {
                continue;
            }
            double dh = 0;
            for (int i = 0; i < outputs; i++) {
                dh += w[offsetW2 + i * hidden + j] * dz[i];
            }
            float da = (float) dh;
            int row = offsetW1 + j * inputs;
            for (int k = 0; k < inputs; k++) {
                gradient[row + k] += da * x[k];
            }
            gradient[offsetB1 + j] += da;
        }
    }
}
