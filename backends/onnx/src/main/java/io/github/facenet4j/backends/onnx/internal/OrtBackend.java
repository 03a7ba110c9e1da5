package io.github.facenet4j.backends.onnx.internal;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.BackendException;
import io.github.facenet4j.api.Device;
import io.github.facenet4j.api.EngineCalls;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.nn.Graph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The ONNX Runtime backend: compiles a {@link Graph} to an ONNX model in memory
 * ({@link OrtGraphCompiler}) or loads an {@code .onnx} file, and runs it in one
 * {@link OrtSession} per network, shared by every caller.
 */
@Component(service = Backend.class, configurationPid = "facenet.backend." + OrtBackend.NAME,
        property = Plugin.NAME_PROPERTY + "=" + OrtBackend.NAME)
public final class OrtBackend implements Backend {

    public static final String NAME = "onnx";
    /** The GPU build of ONNX Runtime that {@code -Pcuda} puts in place of the CPU one. */
    static final String CUDA_ARTIFACT = "com.microsoft.onnxruntime:onnxruntime_gpu:1.23.2";

    private final OrtBackendConfig config;

    /** DS activation and the plain runtime. */
    @Activate
    public OrtBackend(Map<String, Object> properties) {
        this(OrtBackendConfig.from(properties));
    }

    public OrtBackend(OrtBackendConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return NAME;
    }

    public OrtBackendConfig config() {
        return config;
    }

    @Override
    public Network compile(Graph graph) {
        byte[] model = OrtGraphCompiler.compile(Objects.requireNonNull(graph, "graph"));
        try (OrtSession.SessionOptions options = options()) {
            return OrtNetwork.of(OrtEnvironment.getEnvironment().createSession(model, options));
        } catch (OrtException e) {
            throw new BackendException("ONNX Runtime rejected the compiled graph: " + OrtNetwork.firstLine(e), e);
        }
    }

    /** The graph with its weights as an ONNX model (opset 17), e.g. to write a trained model to a file. */
    public static byte[] toOnnx(Graph graph) {
        return OrtGraphCompiler.compile(Objects.requireNonNull(graph, "graph"));
    }

    @Override
    public Network load(Path modelFile) {
        if (!Files.isRegularFile(modelFile)) {
            throw new BadInputException("ONNX model file not found: " + modelFile);
        }
        try (OrtSession.SessionOptions options = options()) {
            return OrtNetwork.of(OrtEnvironment.getEnvironment().createSession(modelFile.toString(), options));
        } catch (OrtException e) {
            throw new BadInputException("Not a valid ONNX model: " + modelFile + " (" + OrtNetwork.firstLine(e)
                    + ")", e);
        }
    }

    private OrtSession.SessionOptions options() throws OrtException {
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
            if (config.device().kind() == Device.Kind.GPU) {
                addCuda(options, config.device());
            }
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /** ONNX Runtime's CUDA execution provider, or one line naming what is missing. */
    private static void addCuda(OrtSession.SessionOptions options, Device device) {
        try {
            options.addCUDA(device.index());
        } catch (OrtException | RuntimeException | LinkageError e) {
            throw new BackendException("backend " + NAME + ": device " + device + " needs ONNX Runtime's GPU build ("
                    + CUDA_ARTIFACT + ", build with -Pcuda), CUDA 12 and an NVIDIA GPU; this installation cannot use"
                    + " it (" + EngineCalls.rootMessage(e) + "). Use device cpu", e);
        }
    }
}
