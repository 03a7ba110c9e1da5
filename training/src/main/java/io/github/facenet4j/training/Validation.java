package io.github.facenet4j.training;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.EvaluationInput;
import io.github.facenet4j.api.EvaluationResult;
import io.github.facenet4j.api.Evaluator;
import io.github.facenet4j.api.TrainableEmbedder;
import io.github.facenet4j.api.VerificationFigures;
import io.github.facenet4j.api.nn.InputNormalisation;
import io.github.facenet4j.training.data.Dataset;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Validation on a held-out set: its embeddings' leave-one-out precision@1 and spread, and
 * with an evaluator VAL at the target FAR with its threshold (FaceNet §4), read as the
 * evaluator's typed {@link VerificationFigures}, whichever evaluator plugin produced them: any
 * plugin chosen by name ({@code registry.get(Evaluator.class, name)}, {@code facenet train
 * --evaluator NAME}) whose results carry them.
 */
public final class Validation {

    private static final String ADVICE = "validate with an evaluator that verifies, such as verification";

    private final Dataset heldOut;
    private final Evaluator evaluator;
    private final int[] labels;

    /**
     * @param heldOut   images never trained on
     * @param evaluator an evaluator whose results carry {@link VerificationFigures} (e.g. the
     *                  {@code verification} plugin), or {@code null} for precision@1 and spread only
     */
    public Validation(Dataset heldOut, Evaluator evaluator) {
        this.heldOut = Objects.requireNonNull(heldOut, "heldOut");
        this.evaluator = evaluator;
        this.labels = heldOut.labels();
    }

    /** The held-out images. */
    public Dataset heldOut() {
        return heldOut;
    }

    /** The evaluator of VAL@FAR, if any. */
    public Optional<Evaluator> evaluator() {
        return Optional.ofNullable(evaluator);
    }

    /**
     * Checks that the held-out set fits a run on {@code train} ({@link Trainer.Builder#build()}
     * does; a caller may check sooner, before it writes anything).
     *
     * @throws ConfigurationException if its images have another shape, or the evaluator cannot
     *                                validate (tried on twenty points of two identities, so that a
     *                                wrong evaluator is refused before the first step, not at the first validation)
     * @throws BadInputException      if it cannot be validated on: fewer than two identities, or
     *                                none with two images
     */
    public void check(Dataset train) {
        if (!heldOut.shape().equals(train.shape())) {
            throw new ConfigurationException("Held-out images are " + heldOut.shape() + " but training images are "
                    + train.shape());
        }
        long distinct = Arrays.stream(labels).distinct().count();
        if (distinct < 2 || distinct == heldOut.size()) {
            throw new BadInputException("The held-out set (" + heldOut.description() + ") needs two or more"
                    + " identities and one with two or more images; it has " + heldOut.size() + " images of "
                    + distinct + " identities");
        }
        if (evaluator != null) {
            // two identities of ten points each, at two corners of the unit circle: 190 pairs, enough for k folds
            float[][] points = new float[20][];
            int[] identities = new int[20];
            for (int i = 0; i < points.length; i++) {
                identities[i] = i % 2;
                points[i] = identities[i] == 0 ? new float[] {1, 0} : new float[] {0, 1};
            }
            try {
                verify(points, identities, 0.5);
            } catch (BadInputException e) {
                throw new ConfigurationException("Evaluator '" + evaluator.name() + "' cannot validate a training run ("
                        + e.getMessage() + "); " + ADVICE);
            }
        }
    }

    /**
     * Embeds the held-out set ({@link TrainerConfig#embedBatchSize()} images at a time) and
     * measures it.
     *
     * @throws NonFiniteValue         if an embedding is not finite
     * @throws ConfigurationException if the evaluator's result has no {@link VerificationFigures}
     */
    ValidationRecord run(long step, TrainableEmbedder embedder, InputNormalisation normalisation, TrainerConfig config) {
        int n = heldOut.size();
        float[][] e = new float[n][];
        for (int from = 0; from < n; from += config.embedBatchSize()) {
            int to = Math.min(n, from + config.embedBatchSize());
            float[][] part = embedder.embed(heldOut.batch(from, to, normalisation));
            System.arraycopy(part, 0, e, from, to - from);
        }
        NonFiniteValue.requireFinite(e, step, "the network's embeddings of the held-out set are");
        double val = Double.NaN;
        double far = Double.NaN;
        double threshold = Double.NaN;
        if (evaluator != null) {
            VerificationFigures figures = verify(e, labels, config.farTarget());
            val = figures.val();
            far = figures.far();
            threshold = figures.threshold();
        }
        return new ValidationRecord(step, val, far, threshold, EmbeddingMetrics.precisionAtOne(e, labels),
                EmbeddingMetrics.meanSquaredDistance(e), n);
    }

    private VerificationFigures verify(float[][] embeddings, int[] identities, double farTarget) {
        EvaluationInput input = EvaluationInput.of(new EmbeddingBatch(embeddings, identities))
                .withOptions(new EvaluationInput.Options(OptionalDouble.of(farTarget), OptionalInt.empty(),
                        Optional.of(EvaluationInput.Metric.L2SQ)));
        EvaluationResult result = evaluator.evaluate(input);
        return result.details(VerificationFigures.class).orElseThrow(() -> new ConfigurationException("Evaluator '"
                + result.evaluator() + "' reports no VAL at a FAR; " + ADVICE));
    }
}
