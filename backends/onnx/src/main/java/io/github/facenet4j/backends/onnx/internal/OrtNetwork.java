package io.github.facenet4j.backends.onnx.internal;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.facenet4j.api.BackendException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.FixedShapeNetwork;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.TensorShape;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * One ONNX Runtime session running an NCHW float model with a free batch dimension and a
 * fixed per-sample shape. {@code OrtSession.run} is thread-safe, so one instance serves
 * every caller. Engine failures surface as {@link BackendException} with ONNX Runtime's
 * exception as the cause.
 */
final class OrtNetwork extends FixedShapeNetwork {

    private final OrtSession session;
    private final String inputName;

    private OrtNetwork(OrtSession session, String inputName, TensorShape inputShape, int outputSize) {
        super(inputShape, outputSize, "backend " + OrtBackend.NAME + ": the model");
        this.session = session;
        this.inputName = inputName;
    }

    /** Takes ownership of {@code session}, closing it if the model does not fit. */
    static OrtNetwork of(OrtSession session) {
        try {
            Map.Entry<String, NodeInfo> input = session.getInputInfo().entrySet().iterator().next();
            long[] in = tensorShape(input.getValue(), "input");
            long[] out = tensorShape(session.getOutputInfo().values().iterator().next(), "output");
            long size = 1;
            for (int i = 1; i < out.length; i++) {
                size *= out[i];
            }
            if (in.length != 4 || in[1] < 1 || in[2] < 1 || in[3] < 1 || size < 1) {
                throw new ConfigurationException("backend " + OrtBackend.NAME + ": the model must map N×C×H×W"
                        + " (C, H, W fixed) to N×d, got " + Arrays.toString(in) + " → " + Arrays.toString(out));
            }
            return new OrtNetwork(session, input.getKey(), new TensorShape((int) in[1], (int) in[2], (int) in[3]),
                    (int) size);
        } catch (OrtException e) {
            closeQuietly(session, e);
            throw new BackendException("ONNX Runtime could not describe the model: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session, e);
            throw e;
        }
    }

    private static long[] tensorShape(NodeInfo info, String what) {
        if (!(info.getInfo() instanceof TensorInfo t)) {
            throw new ConfigurationException("backend " + OrtBackend.NAME + ": the model's " + what + " '"
                    + info.getName() + "' is not a tensor");
        }
        return t.getShape();
    }

    static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage()).strip();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).strip();
    }

    private static void closeQuietly(OrtSession session, Exception failure) {
        try {
            session.close();
        } catch (OrtException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    protected float[][] runChecked(TensorBatch batch) {
        long[] shape = {batch.batch(), batch.channels(), batch.height(), batch.width()};
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch.data()), shape);
                OrtSession.Result result = session.run(Map.of(inputName, input))) {
            FloatBuffer values = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[][] rows = new float[batch.batch()][outputSize()];
            for (float[] row : rows) {
                values.get(row);
            }
            return rows;
        } catch (OrtException e) {
            throw new BackendException("ONNX Runtime failed on a batch of " + batch.batch() + ": " + firstLine(e), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new BackendException("ONNX Runtime could not close its session: " + firstLine(e), e);
        }
    }
}
