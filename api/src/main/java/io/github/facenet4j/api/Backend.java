package io.github.facenet4j.api;

import io.github.facenet4j.api.nn.Graph;
import java.nio.file.Path;

/**
 * An engine that runs networks: it compiles a backend-neutral {@link Graph} (with its
 * weights) into a {@link Network}. A backend owns only the network; preprocessing, mining,
 * losses and evaluation stay in plain Java.
 */
@PluginKind.Label("backend")
public interface Backend extends Plugin {

    /**
     * Compiles a graph with its weights for inference. The graph's input shape fixes the
     * per-sample shape; the batch size is free.
     */
    Network compile(Graph graph);

    /**
     * Loads an existing model file in the engine's own format (for example {@code .onnx}).
     *
     * @throws ConfigurationException if this backend cannot read model files
     * @throws BadInputException      if the file is missing or not a model
     */
    default Network load(Path modelFile) {
        throw new ConfigurationException("Backend '" + name() + "' cannot load model files (" + modelFile
                + "); choose a backend that can with --backend ('facenet plugins' lists those installed)");
    }

    /**
     * Builds a trainable embedder from a graph whose weights are the starting point
     * (pretrained or freshly initialised); the graph's output must be the embedding.
     *
     * @throws ConfigurationException if this backend cannot train
     */
    default TrainableEmbedder trainable(Graph graph, OptimizerSettings optimizer) {
        throw new ConfigurationException("Backend '" + name() + "' cannot train; choose a backend that can with"
                + " --backend ('facenet plugins' lists those installed)");
    }
}
