package io.github.facenet4j.backends.djl.internal;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.facenet4j.api.BackendException;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.Tensor;
import java.util.Arrays;

/** Conversions between the api's float arrays and DJL NDArrays. */
final class DjlArrays {

    private DjlArrays() {
    }

    static Shape shape(int... dims) {
        return new Shape(Arrays.stream(dims).asLongStream().toArray());
    }

    /** The batch as an N × C × H × W array in {@code manager} (the values are copied). */
    static NDArray batch(NDManager manager, TensorBatch batch) {
        return manager.create(batch.data(), new Shape(batch.batch(), batch.channels(), batch.height(), batch.width()));
    }

    /** A weight as an array of its own shape in {@code manager}. */
    static NDArray tensor(NDManager manager, Tensor tensor) {
        return manager.create(tensor.values(), shape(tensor.shape()));
    }

    /** {@code rows} × {@code size} values of an array, one row per sample. */
    static float[][] rows(NDArray array, int rows, int size) {
        float[] flat = array.toFloatArray();
        float[][] out = new float[rows][];
        for (int n = 0; n < rows; n++) {
            out[n] = Arrays.copyOfRange(flat, n * size, (n + 1) * size);
        }
        return out;
    }

    /** An engine failure during {@code what}, as one line with PyTorch's message. */
    static BackendException failed(String what, EngineException e) {
        return new BackendException("backend " + DjlBackend.NAME + ": PyTorch failed " + what + ": "
                + DjlEngine.rootMessage(e), e);
    }
}
