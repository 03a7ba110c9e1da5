package io.github.facenet4j.training;

import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.TrainableEmbedder;
import io.github.facenet4j.api.nn.Tensor;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Random;

/**
 * Test double: e = y / ‖y‖ with y = W x, trained by plain SGD. For the surrogate
 * L = Σᵢ gᵢ·eᵢ (what a backend back-propagates, G = dL/dE held constant):
 * dL/dyᵢ = (gᵢ − (gᵢ·eᵢ) eᵢ) / ‖yᵢ‖ (the Jacobian of normalisation is (I − e eᵀ)/‖y‖) and
 * dL/dW = Σᵢ dL/dyᵢ xᵢᵀ. {@link LinearEmbedderTest} checks this by finite differences.
 * Computed in double; the state is the weights, exactly.
 */
class LinearEmbedder implements TrainableEmbedder {

    final int dimension;
    final int inputs;
    double[] w;
    double rate = 0.01;
    int forwards;

    LinearEmbedder(int dimension, int inputs, long seed) {
        this.dimension = dimension;
        this.inputs = inputs;
        this.w = new double[dimension * inputs];
        Random random = new Random(seed);
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian() / Math.sqrt(inputs);
        }
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[][] embed(TensorBatch batch) {
        return new Pass(batch).embeddings();
    }

    @Override
    public TrainingPass forward(TensorBatch batch) {
        forwards++;
        return new Pass(batch);
    }

    @Override
    public void learningRate(double learningRate) {
        rate = learningRate;
    }

    @Override
    public Map<String, Tensor> weights() {
        float[] values = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            values[i] = (float) w[i];
        }
        return Map.of("w", new Tensor(new int[] {dimension, inputs}, values));
    }

    @Override
    public void writeState(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(dimension);
        data.writeInt(inputs);
        for (double v : w) {
            data.writeDouble(v);
        }
        data.flush();
    }

    @Override
    public void readState(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != dimension || data.readInt() != inputs) {
            throw new IOException("shape differs");
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = data.readDouble();
        }
    }

    @Override
    public void close() {
    }

    /** dL/dW for the surrogate Σ g·e of one pass. */
    double[] weightGradient(Pass pass, float[][] g) {
        double[] grad = new double[w.length];
        for (int i = 0; i < pass.y.length; i++) {
            double[] e = new double[dimension];
            double dot = 0;
            for (int k = 0; k < dimension; k++) {
                e[k] = pass.y[i][k] / pass.norm[i];
                dot += g[i][k] * e[k];
            }
            for (int k = 0; k < dimension; k++) {
                double dy = (g[i][k] - dot * e[k]) / pass.norm[i];
                for (int j = 0; j < inputs; j++) {
                    grad[k * inputs + j] += dy * pass.x[i][j];
                }
            }
        }
        return grad;
    }

    class Pass implements TrainingPass {
        final double[][] x;
        final double[][] y;
        final double[] norm;

        Pass(TensorBatch batch) {
            if (batch.imageSize() != inputs) {
                throw new IllegalArgumentException("expected " + inputs + " inputs, got " + batch.imageSize());
            }
            int n = batch.batch();
            x = new double[n][inputs];
            y = new double[n][dimension];
            norm = new double[n];
            float[] data = batch.data();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < inputs; j++) {
                    x[i][j] = data[i * inputs + j];
                }
                double sq = 0;
                for (int k = 0; k < dimension; k++) {
                    double s = 0;
                    for (int j = 0; j < inputs; j++) {
                        s += w[k * inputs + j] * x[i][j];
                    }
                    y[i][k] = s;
                    sq += s * s;
                }
                norm[i] = Math.sqrt(sq);
            }
        }

        @Override
        public float[][] embeddings() {
            float[][] e = new float[y.length][dimension];
            for (int i = 0; i < y.length; i++) {
                for (int k = 0; k < dimension; k++) {
                    e[i][k] = (float) (y[i][k] / norm[i]);
                }
            }
            return e;
        }

        @Override
        public void backwardAndStep(float[][] lossGradient) {
            double[] grad = weightGradient(this, lossGradient);
            for (int i = 0; i < w.length; i++) {
                w[i] -= rate * grad[i];
            }
        }

        @Override
        public void close() {
        }
    }
}
