package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.models.Architecture;
import io.github.facenet4j.models.ModelCard;
import io.github.facenet4j.training.TrainerConfig;
import io.github.facenet4j.training.data.DatasetSpec;
import io.github.facenet4j.training.data.TrainingSplit;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What {@code facenet train} was asked to do, from its options once they are checked
 * ({@link TrainCommand}); {@link TrainingRun} carries it out.
 *
 * @param architecture the network to train
 * @param dataset      the data set spec as given ({@code --dataset}), for the settings file and the card
 * @param data         that spec, parsed
 * @param split        how the data set becomes training and held-out images
 * @param dimension    the embedding dimension
 * @param backend      the backend plugin that trains
 * @param miner        the miner plugin
 * @param loss         the loss plugin
 * @param evaluator    the evaluator plugin validation reads VAL@FAR from
 * @param optimizer    {@code adam}, {@code adagrad} or {@code sgd}, in any case, as given
 * @param learningRate the optimiser's base rate ({@code --lr})
 * @param p            identities per batch
 * @param k            images per identity in a batch
 * @param seed         the run's seed
 * @param out          the output directory
 * @param resume       continue the run in {@code out}
 * @param epochs       when the run's length is given in passes over the training images, their
 *                     number (the steps then follow from the training set's size), else empty
 * @param config       the trainer's configuration; with {@code epochs}, its steps are replaced by
 *                     {@link #config(int)}
 * @param harmonic     with {@code --harmonic-with}, the frozen v1 the run is trained to stay
 *                     comparable with (FaceNet §7)
 */
record TrainingPlan(Architecture architecture, String dataset, DatasetSpec data, TrainingSplit split, int dimension,
                    String backend, String miner, String loss, String evaluator, String optimizer, double learningRate,
                    int p, int k, long seed, Path out, boolean resume, OptionalDouble epochs, TrainerConfig config,
                    Optional<HarmonicReference> harmonic) {

    TrainingPlan {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(epochs, "epochs");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(harmonic, "harmonic");
    }

    /** The trainer's configuration for a training set of {@code trainImages} images. */
    TrainerConfig config(int trainImages) {
        if (epochs.isEmpty()) {
            return config;
        }
        return config.withSteps(Math.max(1, (long) Math.ceil(epochs.getAsDouble() * trainImages / (double) (p * k))));
    }

    /** The settings that rebuild this run's network ({@link TrainedModels#SETTINGS_FILE}). */
    TrainedModels.Settings settings() {
        return new TrainedModels.Settings(architecture.name(), architecture.defaultInput().channels(),
                architecture.defaultInput().height(), architecture.defaultInput().width(), dimension,
                optimizer.toLowerCase(Locale.ROOT), learningRate, backend, dataset, miner, seed, split.zeroShot());
    }

    /**
     * The trained model's record of this run, after {@code steps} steps with a loss of margin
     * {@code margin} (empty when the loss has none).
     */
    ModelCard.Training training(long steps, OptionalDouble margin) {
        return new ModelCard.Training(architecture.name(), backend, optimizer.toLowerCase(Locale.ROOT),
                learningRate, config.schedule().spec(),
                p, k, miner, loss, margin, seed, dataset, split.zeroShot(), steps);
    }
}
