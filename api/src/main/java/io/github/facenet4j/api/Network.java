package io.github.facenet4j.api;

import io.github.facenet4j.api.nn.TensorShape;

/**
 * A network made runnable by a {@link Backend}: it maps a batch of N samples of
 * {@link #inputShape()} (NCHW floats) to N rows of {@link #outputSize()} values, the
 * output of the graph's last node flattened per sample. Instances are thread-safe: one
 * compiled network serves every caller.
 */
public interface Network extends AutoCloseable {

    /** Per-sample input shape C × H × W. */
    TensorShape inputShape();

    /** Values per sample in the output. */
    int outputSize();

    /**
     * Runs a batch.
     *
     * @return {@code batch.batch()} rows of {@link #outputSize()} values
     * @throws BadInputException if the batch's per-sample shape is not {@link #inputShape()}
     */
    float[][] run(TensorBatch batch);

    /** Releases native resources. */
    @Override
    void close();

    /** Checks that a batch has this network's per-sample shape; {@code who} names the network in the error. */
    static void requireShape(TensorShape expected, TensorBatch batch, String who) {
        if (batch.channels() != expected.channels() || batch.height() != expected.height()
                || batch.width() != expected.width()) {
            throw new BadInputException(who + " takes N×" + expected + " tensors, got " + batch.batch() + "×"
                    + batch.channels() + "×" + batch.height() + "×" + batch.width());
        }
    }
}
