package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.distribution.AtomicFiles;
import io.github.facenet4j.distribution.FolderLock;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.models.ModelCard;
import io.github.facenet4j.training.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code facenet export}: the trained graph of a {@code facenet train} directory, with the
 * weights of its checkpoint, compiled to ONNX, and its model card beside it. A directory
 * without a checkpoint but with ONNX weights is copied. The card's name is fixed (a folder is
 * a model directory through its {@code model-card.json}), so export refuses to replace a card
 * that names another weights file: that would leave the other model without its card.
 * Two exports into one folder at once are refused as well (the folder is locked while writing).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a trained model directory (facenet train --out DIR) as ONNX with its model card beside it.")
public final class ExportCommand extends PluginCommand {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory (facenet train --out).")
    Path model;

    @Option(names = "--format", paramLabel = "onnx", defaultValue = "onnx", description = "Format (default: onnx).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE.onnx",
            description = "ONNX file to write; model-card.json is written into the same directory.")
    Path out;

    @Override
    public Integer call() {
        if (!format.equals("onnx")) {
            throw TrainedModels.unsupportedFormat(format);
        }
        if (!Files.isDirectory(model)) {
            throw new BadInputException("--model " + model + " is not a directory");
        }
        String file = out.getFileName().toString();
        boolean sameDirectory = out.toAbsolutePath().getParent().normalize().equals(model.toAbsolutePath().normalize());
        if (sameDirectory) {
            throw new BadInputException("--out " + out + " is inside the model directory; export to another directory");
        }
        Path folder = out.toAbsolutePath().getParent();
        try (FolderLock lock = FolderLock.acquire(folder, "--out's folder")) {
            refuseAnotherModelsCard(folder.resolve(ModelCard.FILE_NAME), file);
            export(file);
        }
        spec.commandLine().getErr().println("wrote " + out + " and " + folder.resolve(ModelCard.FILE_NAME));
        spec.commandLine().getErr().flush();
        return 0;
    }

    /** A card already in the target folder must describe {@code file}, the weights being written. */
    private static void refuseAnotherModelsCard(Path card, String file) {
        if (!Files.exists(card)) {
            return;
        }
        String other;
        try {
            other = ModelCard.read(card).weights().file();
        } catch (BadInputException unreadable) {
            throw new BadInputException(card + " is already there and is not a model card facenet can read ("
                    + unreadable.getMessage() + "); export into another folder, or move it away first");
        }
        if (!other.equals(file)) {
            throw new BadInputException(card + " already describes another model (" + other + "); export into a"
                    + " folder of its own, or move that model and its card away first");
        }
    }

    private void export(String file) {
        if (Files.isRegularFile(model.resolve(TrainedModels.SETTINGS_FILE))
                && Files.isRegularFile(model.resolve(Trainer.CHECKPOINT_FILE))) {
            TrainedModels.Settings settings = TrainedModels.readSettings(model);
            Graph graph;
            try (PluginRuntime runtime = runtimeOptions.start()) {
                graph = TrainedModels.fromCheckpoint(runtime.get(Backend.class, settings.backend()), model);
            }
            Map<String, Object> trainer = io.github.facenet4j.training.internal.Checkpoint.readTrainer(
                    model.resolve(Trainer.CHECKPOINT_FILE));
            long step = trainer.get("step") instanceof Number n ? n.longValue() : 0;
            String notes = "Exported from " + model.resolve(Trainer.CHECKPOINT_FILE) + " at step " + step + ".";
            double threshold = Double.NaN;
            java.util.Optional<ModelCard.Training> training = java.util.Optional.empty();
            if (Files.isRegularFile(model.resolve(ModelCard.FILE_NAME))) {
                ModelCard trained = ModelCard.read(model);
                notes = trained.provenance().notes() + " " + notes;
                threshold = trained.threshold();
                training = trained.training();
            }
            ModelCard card = TrainedModels.card(settings, TrainedModels.normalisation(settings), file, step, threshold,
                    notes.trim());
            TrainedModels.writeModel(graph, training.map(card::withTraining).orElse(card), out);
        } else {
            ModelCard card = ModelCard.read(model);
            if (!card.weights().format().equals("onnx")) {
                throw new BadInputException(model + " has neither a training checkpoint nor ONNX weights to export");
            }
            try {
                AtomicFiles.write(out, Files.readAllBytes(model.resolve(card.weights().file())));
            } catch (IOException e) {
                throw new BadInputException("Cannot read " + model.resolve(card.weights().file()) + ": " + AtomicFiles.reason(e));
            }
            ModelCard copy = new ModelCard(card.id(), card.version(), card.architecture(), card.input(), card.alignment(),
                    card.embeddingSize(), card.distance(), card.threshold(), new ModelCard.Weights("onnx", file),
                    card.provenance(), card.training(), card.compatibleWith());
            AtomicFiles.writeString(out.toAbsolutePath().getParent().resolve(ModelCard.FILE_NAME), copy.toJson());
        }
    }
}
