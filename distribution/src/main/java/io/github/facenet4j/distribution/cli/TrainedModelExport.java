package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.Loss;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.InputNormalisation;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.models.ModelCard;
import io.github.facenet4j.training.TrainingResult;
import io.github.facenet4j.training.ValidationRecord;
import io.github.facenet4j.training.internal.TripletLoss;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The end of a successful {@code facenet train} run: the trained graph compiled to ONNX
 * ({@value TrainedModels#MODEL_FILE}) and its model card, with the threshold calibrated at the
 * last validation, notes on that validation, and the run's whole configuration as the card's
 * training record, so {@code --out} is a model directory.
 */
final class TrainedModelExport {

    private final Path directory;
    private final TrainedModels.Settings settings;
    private final InputNormalisation normalisation;

    TrainedModelExport(Path directory, TrainedModels.Settings settings, InputNormalisation normalisation) {
        this.directory = directory;
        this.settings = settings;
        this.normalisation = normalisation;
    }

    /**
     * Writes the model of {@code graph} with the trained {@code weights}; with {@code harmonicWith}
     * (a harmonically trained run, FaceNet §7) its card declares itself comparable with that v1.
     *
     * @return the ONNX file
     */
    Path write(Graph graph, Map<String, Tensor> weights, TrainingResult result, ModelCard.Training training,
               Optional<ModelCard> harmonicWith) {
        Path model = directory.resolve(TrainedModels.MODEL_FILE);
        String notes = result.lastValidation().map(v -> String.format(Locale.ROOT,
                "Validation at step %d on %d held-out images: VAL %.4f at FAR %.5f, leave-one-out"
                        + " precision@1 %.4f, spread %.3f; threshold %.4f calibrated there at that FAR.",
                v.step(), v.images(), v.val(), v.far(), v.precisionAt1(), v.spread(), v.threshold())).orElse("");
        double threshold = result.lastValidation().map(ValidationRecord::threshold).orElse(Double.NaN);
        ModelCard card = TrainedModels.card(settings, normalisation, TrainedModels.MODEL_FILE, result.steps(),
                threshold, notes).withTraining(training);
        if (harmonicWith.isPresent()) {
            card = card.withCompatible(harmonicWith.get());
        }
        TrainedModels.writeModel(TrainedModels.withWeights(graph, weights), card, model);
        return model;
    }

    /** The margin α of the loss (FaceNet eq. 1) when it is the triplet loss; empty for a loss without one. */
    static OptionalDouble margin(Loss loss) {
        return loss instanceof TripletLoss triplet ? OptionalDouble.of(triplet.config().margin()) : OptionalDouble.empty();
    }
}
