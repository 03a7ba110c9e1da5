package io.github.facenet4j.models;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.nn.Graph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A model card with the directory its weights are in. tfjs weights are built into the
 * graph the card's architecture names and compiled by a backend; an {@code .onnx} file is
 * loaded by a backend that reads ONNX.
 *
 * @param card      what the model is
 * @param directory where {@code card.weights().file()} is resolved
 */
public record ModelPack(ModelCard card, Path directory) {

    public ModelPack {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(directory, "directory");
    }

    /** The default model, {@code dlib-resnet-v1}, in the face-api pack's directory. */
    public static ModelPack defaultPack(Path faceApiPackDirectory) {
        return new ModelPack(ModelCard.defaultCard(), faceApiPackDirectory);
    }

    /** A model directory written by {@code facenet export} or by hand: {@code model-card.json} + weights. */
    public static ModelPack read(Path directory) {
        return new ModelPack(ModelCard.read(directory), directory);
    }

    /** The weights file the card names. */
    public Path weightsFile() {
        Path file = directory.resolve(card.weights().file());
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("Model '" + card.id() + "': weights file " + file + " is missing");
        }
        return file;
    }

    /**
     * The model's graph with its weights, for tfjs weights of a known architecture.
     *
     * @throws ConfigurationException for onnx weights (no graph: load them with {@link #network}) or an
     *                                unknown architecture
     */
    public Graph graph() {
        if (!card.weights().format().equals("tfjs")) {
            throw new ConfigurationException("Model '" + card.id() + "' has " + card.weights().format()
                    + " weights, not a graph; load it with the onnx backend");
        }
        Map<String, io.github.facenet4j.api.nn.Tensor> tfjs = TfjsWeights.read(weightsFile());
        return switch (card.architecture()) {
            case DlibResNet29.ARCHITECTURE -> DlibResNet29.foldedGraph(tfjs);
            default -> throw new ConfigurationException("Model '" + card.id() + "': no tfjs importer for architecture '"
                    + card.architecture() + "'. Known: " + DlibResNet29.ARCHITECTURE + ".");
        };
    }

    /** The model ready to run on {@code backend}: a compiled graph, or a loaded ONNX file. */
    public Network network(Backend backend) {
        return card.weights().format().equals("onnx") ? backend.load(weightsFile()) : backend.compile(graph());
    }
}
