package io.github.facenet4j.backends.dl4j.internal;

import io.github.facenet4j.api.Backend;
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
 * The Deeplearning4j backend: compiles {@link Graph}s to SameDiff (ND4J) for inference
 * ({@link #compile}) and training ({@link #trainable}: SameDiff's autodiff, then AdaGrad, Adam or
 * SGD). ND4J starts on first use, so activating the component loads no native code.
 */
@Component(service = Backend.class, configurationPid = "facenet.backend." + Dl4jBackend.NAME,
        property = Plugin.NAME_PROPERTY + "=" + Dl4jBackend.NAME)
public final class Dl4jBackend implements Backend {

    public static final String NAME = "dl4j";

    private final Dl4jBackendConfig config;

    /** DS activation and the plain runtime. */
    @Activate
    public Dl4jBackend(Map<String, Object> properties) {
        this(Dl4jBackendConfig.from(properties));
    }

    public Dl4jBackend(Dl4jBackendConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return NAME;
    }

    public Dl4jBackendConfig config() {
        return config;
    }

    @Override
    public Network compile(Graph graph) {
        Objects.requireNonNull(graph, "graph");
        start();
        return new Dl4jNetwork(graph);
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
        start();
        return new Dl4jTrainableEmbedder(graph, optimizer);
    }

    private void start() {
        try {
            Dl4jEngine.start(config.device(), config.cacheDir(), System.err);
        } catch (LinkageError e) {
            throw new io.github.facenet4j.api.BackendException("backend " + NAME + ": ND4J is not on the class path;"
                    + " put " + Dl4jEngine.NATIVE + " and its dependencies there (" + e + ")", e);
        }
    }
}
