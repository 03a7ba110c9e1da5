package io.github.facenet4j.backends.djl.internal;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.BackendException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.OptimizerSettings;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.TrainableEmbedder;
import io.github.facenet4j.api.nn.Graph;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The DJL backend: runs {@link Graph}s on DJL's PyTorch engine for inference
 * ({@link #compile}) and trains them ({@link #trainable}: autograd, then AdaGrad, Adam or SGD).
 * The engine starts on first use, so activating the component loads no native code.
 */
@Component(service = Backend.class, configurationPid = "facenet.backend." + DjlBackend.NAME,
        property = Plugin.NAME_PROPERTY + "=" + DjlBackend.NAME)
public final class DjlBackend implements Backend {

    public static final String NAME = "djl";

    private final DjlBackendConfig config;
    private DjlEngine engine;

    /** DS activation and the plain runtime. */
    @Activate
    public DjlBackend(Map<String, Object> properties) {
        this(DjlBackendConfig.from(properties));
    }

    public DjlBackend(DjlBackendConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return NAME;
    }

    public DjlBackendConfig config() {
        return config;
    }

    @Override
    public Network compile(Graph graph) {
        Objects.requireNonNull(graph, "graph");
        return new DjlNetwork(engine(), graph);
    }

    /**
     * @throws ConfigurationException if the graph's output is not an L2 normalisation (an
     *                                embedder's rows have unit norm, FaceNet §3.1)
     */
    @Override
    public TrainableEmbedder trainable(Graph graph, OptimizerSettings optimizer) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(optimizer, "optimizer");
        TrainableEmbedder.requireUnitNormOutput(graph, NAME);
        return new DjlTrainableEmbedder(engine(), graph, optimizer);
    }

    private synchronized DjlEngine engine() {
        if (engine == null) {
            try {
                engine = DjlEngine.start(config.intraOpThreads(), config.device());
            } catch (LinkageError e) {
                throw new BackendException("backend " + NAME + ": DJL is not on the class path; put " + DjlEngine.API
                        + " and " + DjlEngine.ENGINE + " there (" + e + ")", e);
            }
        }
        return engine;
    }
}
