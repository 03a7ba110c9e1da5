package io.github.facenet4j.backends.onnx.internal;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.facenet4j.api.BackendException;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Embedder;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.Graph;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

/**
 * An {@link Embedder} on ONNX Runtime: one {@link OrtSession}, created once and shared by
 * every caller ({@code OrtSession.run} is thread-safe), runs an NCHW float model with a free
 * batch dimension. The model is either an api.nn {@link Graph} compiled in memory by
 * {@link OrtGraphCompiler} or an existing {@code .onnx} file. Engine failures surface as
 * {@link BackendException} with ONNX Runtime's exception as the cause; a native library
 * that does not load is not caught.
 */
@Component(service = Embedder.class, configurationPid = "facenet.embedder." + OrtEmbedder.NAME,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = Plugin.NAME_PROPERTY + "=" + OrtEmbedder.NAME)
public final class OrtEmbedder implements Embedder {

    public static final String NAME = "onnx";

    private final OrtEmbedderConfig config;
    private final OrtSession session;
    private final String inputName;
    private final long[] inputShape;
    private final int dimension;

    /** DS activation and the plain runtime: runs the configured {@code model} file. */
    @Activate
    public OrtEmbedder(Map<String, Object> properties) {
        this(OrtEmbedderConfig.from(properties));
    }

    /** Runs the {@code .onnx} file the config names. */
    public OrtEmbedder(OrtEmbedderConfig config) {
        this(config, open(config));
    }

    /** Compiles {@code graph} to ONNX and runs it; the config's model path is not read. */
    public OrtEmbedder(Graph graph, OrtEmbedderConfig config) {
        this(config, create(OrtGraphCompiler.compile(Objects.requireNonNull(graph, "graph")), config));
    }

    private OrtEmbedder(OrtEmbedderConfig config, OrtSession session) {
        this.config = config;
        this.session = session;
        try {
            Map.Entry<String, NodeInfo> input = session.getInputInfo().entrySet().iterator().next();
            this.inputName = input.getKey();
            this.inputShape = tensorShape(input.getValue(), "input");
            long[] out = tensorShape(session.getOutputInfo().values().iterator().next(), "output");
            long d = 1;
            for (int i = 1; i < out.length; i++) {
                d *= out[i];
            }
            if (inputShape.length != 4 || d < 1) {
                throw new ConfigurationException("embedder " + NAME + ": the model must map N×C×H×W to N×d, got "
                        + Arrays.toString(inputShape) + " → " + Arrays.toString(out));
            }
            this.dimension = (int) d;
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
            throw new ConfigurationException("embedder " + NAME + ": the model's " + what + " '" + info.getName()
                    + "' is not a tensor");
        }
        return t.getShape();
    }

    private static OrtSession open(OrtEmbedderConfig config) {
        Path model = config.model();
        if (model == null) {
            throw new ConfigurationException("embedder " + NAME + ": " + OrtEmbedderConfig.MODEL
                    + " must name an .onnx file");
        }
        if (!Files.isRegularFile(model)) {
            throw new BadInputException("ONNX model file not found: " + model);
        }
        try (OrtSession.SessionOptions options = options(config)) {
            return OrtEnvironment.getEnvironment().createSession(model.toString(), options);
        } catch (OrtException e) {
            throw new BadInputException("Not a valid ONNX model: " + model + " (" + firstLine(e) + ")", e);
        }
    }

    private static OrtSession create(byte[] model, OrtEmbedderConfig config) {
        try (OrtSession.SessionOptions options = options(config)) {
            return OrtEnvironment.getEnvironment().createSession(model, options);
        } catch (OrtException e) {
            throw new BackendException("ONNX Runtime rejected the compiled graph: " + firstLine(e), e);
        }
    }

    private static OrtSession.SessionOptions options(OrtEmbedderConfig config) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // ONNX Runtime's pool threads busy-wait between operators by default. On a machine
            // shared with other work that wait steals the cores the next operator needs: on
            // 2 busy cores, batch 1 ran at 71 faces/s spinning and 130-145 not; on idle cores
            // spinning was faster. Off unless configured, as the CLI shares the user's machine.
            options.addConfigEntry("session.intra_op.allow_spinning", config.spinning() ? "1" : "0");
            if (config.intraOpThreads() > 0) {
                options.setIntraOpNumThreads(config.intraOpThreads());
            }
            return options;
        } catch (OrtException e) {
            options.close();
            throw e;
        }
    }

    private static String firstLine(Exception e) {
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
    public String name() {
        return NAME;
    }

    public OrtEmbedderConfig config() {
        return config;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[][] embed(TensorBatch batch) {
        long[] shape = {batch.batch(), batch.channels(), batch.height(), batch.width()};
        for (int i = 1; i < 4; i++) {
            if (inputShape[i] > 0 && inputShape[i] != shape[i]) {
                throw new BadInputException("embedder " + NAME + ": the model takes N×" + inputShape[1] + "×"
                        + inputShape[2] + "×" + inputShape[3] + " tensors, got " + batch.batch() + "×"
                        + batch.channels() + "×" + batch.height() + "×" + batch.width());
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch.data()), shape);
                OrtSession.Result result = session.run(Map.of(inputName, input))) {
            FloatBuffer values = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[][] rows = new float[batch.batch()][dimension];
            for (float[] row : rows) {
                values.get(row);
            }
            return rows;
        } catch (OrtException e) {
            throw new BackendException("ONNX Runtime failed on a batch of " + batch.batch() + ": " + firstLine(e), e);
        }
    }

    @Override
    @Deactivate
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new BackendException("ONNX Runtime could not close its session: " + firstLine(e), e);
        }
    }
}
