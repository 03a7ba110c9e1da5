package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.models.FaceApiPack;
import io.github.facenet4j.models.ModelPack;
import io.github.facenet4j.models.NpmPackCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import io.github.facenet4j.distribution.runtime.PluginConfigurations;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of every command that runs a network: which backend, which model, where the model pack lives. */
public final class ModelOptions {

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "onnx",
            description = "Backend that runs the networks (default: ${DEFAULT-VALUE}).")
    String backend = "onnx";

    @Mixin
    DeviceOption device = new DeviceOption();

    @Option(names = "--model", paramLabel = "ID|DIR", defaultValue = "dlib-resnet-v1",
            description = "Embedding model: dlib-resnet-v1 (default) or a model directory with model-card.json.")
    String model = "dlib-resnet-v1";

    @Option(names = "--model-cache", paramLabel = "DIR",
            description = "Directory of the face-api model pack (default: $" + NpmPackCache.ENV
                    + " or ~/.cache/facenet4j/npm/face-api-1.7.15); fetched there with npm when files are missing.")
    Path modelCache;

    /** {@code configurations} with the chosen backend on the {@code --device} given. */
    public PluginConfigurations configure(PluginConfigurations configurations) {
        return device.apply(configurations, backend);
    }

    /** The face-api pack's directory holding {@code needed} intact, fetched when any is missing. */
    public Path faceApiPack(Collection<String> needed) {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (modelCache != null) {
            env.put(NpmPackCache.ENV, modelCache.toString());
        }
        return FaceApiPack.fetch(env, Path.of(System.getProperty("user.home")), needed);
    }

    /**
     * The card of the model the options name, without fetching its weights (what a command
     * that reads precomputed embeddings needs: their space and threshold).
     */
    public io.github.facenet4j.models.ModelCard card() {
        if (model.equals(io.github.facenet4j.models.ModelCard.defaultCard().id())) {
            return io.github.facenet4j.models.ModelCard.defaultCard();
        }
        Path card = Path.of(model).resolve(io.github.facenet4j.models.ModelCard.FILE_NAME);
        if (!Files.exists(card)) {
            throw new io.github.facenet4j.api.BadInputException("--model " + model
                    + ": neither a built-in model (dlib-resnet-v1) nor a model directory with "
                    + io.github.facenet4j.models.ModelCard.FILE_NAME);
        }
        return io.github.facenet4j.models.ModelCard.read(card);
    }

    /** The embedding model the options name. */
    public ModelPack modelPack() {
        if (model.equals(io.github.facenet4j.models.ModelCard.defaultCard().id())) {
            return ModelPack.defaultPack(faceApiPack(FaceApiPack.RECOGNITION_FILES));
        }
        Path dir = Path.of(model);
        if (!Files.exists(dir)) {
            throw new io.github.facenet4j.api.BadInputException("--model " + model
                    + ": neither a built-in model (dlib-resnet-v1) nor a model directory");
        }
        return ModelPack.read(dir);
    }
}
