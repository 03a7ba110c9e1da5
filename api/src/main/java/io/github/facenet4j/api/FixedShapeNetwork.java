package io.github.facenet4j.api;

import io.github.facenet4j.api.nn.TensorShape;
import java.util.Objects;

/**
 * The part of a {@link Network} that is the same on every engine: the per-sample input shape
 * and the output size are fixed when the network is built, a batch of another shape is refused
 * (one {@link BadInputException} line, before the engine sees it), and the engine's answer is
 * held to {@code batch.batch()} rows of {@link #outputSize()} values. A backend supplies only
 * {@link #runChecked} and {@link #close}.
 */
public abstract class FixedShapeNetwork implements Network {

    private final TensorShape inputShape;
    private final int outputSize;
    private final String who;

    /**
     * @param inputShape the per-sample shape C × H × W every batch must have
     * @param outputSize values per sample in the output, at least 1
     * @param who        names the network at the start of error messages, e.g. {@code "backend onnx: the model"}
     */
    protected FixedShapeNetwork(TensorShape inputShape, int outputSize, String who) {
        this.inputShape = Objects.requireNonNull(inputShape, "inputShape");
        this.who = Objects.requireNonNull(who, "who");
        if (outputSize < 1) {
            throw new IllegalArgumentException(who + ": the output size must be at least 1, got " + outputSize);
        }
        this.outputSize = outputSize;
    }

    @Override
    public final TensorShape inputShape() {
        return inputShape;
    }

    @Override
    public final int outputSize() {
        return outputSize;
    }

    /**
     * Checks the batch's per-sample shape, runs it ({@link #runChecked}) and checks the rows.
     *
     * @throws BadInputException if the batch's per-sample shape is not {@link #inputShape()}
     * @throws BackendException  if the engine returned another number of rows or values per row
     */
    @Override
    public final float[][] run(TensorBatch batch) {
        Objects.requireNonNull(batch, "batch");
        Network.requireShape(inputShape, batch, who);
        float[][] rows = runChecked(batch);
        if (rows.length != batch.batch()) {
            throw new BackendException(who + " returned " + rows.length + " rows for a batch of " + batch.batch(),
                    null);
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != outputSize) {
                throw new BackendException(who + " returned " + rows[i].length + " values in row " + i
                        + ", expected " + outputSize, null);
            }
        }
        return rows;
    }

    /**
     * Runs a batch whose per-sample shape is {@link #inputShape()} (already checked).
     *
     * @return {@code batch.batch()} rows of {@link #outputSize()} values
     */
    protected abstract float[][] runChecked(TensorBatch batch);
}
