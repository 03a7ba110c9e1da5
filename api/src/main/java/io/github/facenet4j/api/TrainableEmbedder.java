package io.github.facenet4j.api;

import io.github.facenet4j.api.nn.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * An {@link Embedder} whose weights a trainer updates. The trainer never sees the
 * backend's autograd: it asks for a forward pass, computes the loss and dL/dE in plain
 * Java (a {@link Loss}), and hands the gradient back. The backend back-propagates the
 * surrogate Σ E⊙G (G = dL/dE held constant), whose gradient with respect to every weight
 * is exactly that of the loss, then takes one optimiser step.
 */
public interface TrainableEmbedder extends Embedder {

    /** Runs the network in training mode, recording what back-propagation needs. */
    TrainingPass forward(TensorBatch batch);

    /** Sets the step size the next optimiser steps use (a trainer's learning-rate schedule). */
    void learningRate(double learningRate);

    /** A copy of the current weights, named as in the graph the embedder was built from. */
    Map<String, Tensor> weights();

    /**
     * Writes everything needed to continue training exactly: weights and optimiser state
     * (moments, step counts). The format is the backend's own.
     */
    void writeState(OutputStream out) throws IOException;

    /** Restores what {@link #writeState} wrote, for the same graph and optimiser. */
    void readState(InputStream in) throws IOException;

    /**
     * Refuses a graph to train that does not end in an L2 normalisation (an embedder's rows
     * have unit norm, FaceNet §3.1).
     *
     * @throws ConfigurationException naming the backend and the graph's output node
     */
    static void requireUnitNormOutput(io.github.facenet4j.api.nn.Graph graph, String backend) {
        io.github.facenet4j.api.nn.Node last = graph.layer(graph.output()).node();
        if (!(last instanceof io.github.facenet4j.api.nn.Node.L2Normalize)) {
            throw new ConfigurationException("backend " + backend + ": a trainable embedder's graph must end in an L2"
                    + " normalisation, but its output '" + last.name() + "' is " + last.op());
        }
    }

    /**
     * The loss gradient of a pass of {@code passRows} embeddings of {@code dimension} values,
     * row after row, checked first: what a backend hands its autodiff.
     *
     * @throws BadInputException if the gradient has another number of rows or values per row
     */
    static float[] flattenGradient(float[][] rows, int passRows, int dimension) {
        if (rows.length != passRows) {
            throw new BadInputException("The loss gradient has " + rows.length + " rows, the pass " + passRows
                    + " embeddings");
        }
        float[] flat = new float[rows.length * dimension];
        for (int n = 0; n < rows.length; n++) {
            if (rows[n].length != dimension) {
                throw new BadInputException("Row " + n + " of the loss gradient has " + rows[n].length
                        + " values, the embedding " + dimension);
            }
            System.arraycopy(rows[n], 0, flat, n * dimension, dimension);
        }
        return flat;
    }

    /**
     * Refuses a step of a pass that already stepped or closed, or whose forward saw weights
     * that have changed since (its gradient would be for old weights).
     *
     * @param recordedAt the embedder's weight version at the pass's forward
     * @param version    the embedder's weight version now
     */
    static void requireCanStep(boolean done, long recordedAt, long version) {
        if (done) {
            throw new IllegalStateException("This training pass has already stepped or was closed");
        }
        if (recordedAt != version) {
            throw new IllegalStateException("The weights changed since this pass's forward (another pass"
                    + " stepped or the state was restored); run forward again");
        }
    }

    /** One forward pass awaiting its gradient. */
    interface TrainingPass extends AutoCloseable {

        /** The L2-normalised embeddings of this pass, one row per image. */
        float[][] embeddings();

        /**
         * Back-propagates dL/dE and applies one optimiser step.
         *
         * @param lossGradient same shape as {@link #embeddings()}
         */
        void backwardAndStep(float[][] lossGradient);

        /** Releases the recorded graph, with or without a step. */
        @Override
        void close();
    }
}
