package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Loss;
import io.github.facenet4j.api.TripletMiner;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.faces.FaceEmbedder;
import io.github.facenet4j.harmonic.DatasetDigest;
import io.github.facenet4j.harmonic.HarmonicTriplets;
import io.github.facenet4j.harmonic.ReferenceCache;
import io.github.facenet4j.harmonic.ReferenceEmbeddings;
import io.github.facenet4j.harmonic.ReferenceKey;
import io.github.facenet4j.models.ModelCard;
import io.github.facenet4j.models.ModelPack;
import io.github.facenet4j.training.data.Dataset;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code facenet train --harmonic-with V1}: the frozen v1 of harmonic training (FaceNet §7),
 * any model a card describes (a built-in id or a model directory, as {@code --model} takes
 * it), run on the onnx backend. Checked before training starts: v1 must take the images the
 * trained architecture takes and embed them in the trained dimension. Its embeddings of the
 * training set are computed once and cached in {@code --out} ({@link ReferenceCache}).
 */
final class HarmonicReference {

    /** The backend v1 runs on: it only embeds, never trains. */
    static final String BACKEND = "onnx";
    private static final int BATCH = 256;

    private final String option;
    private final ModelOptions model;
    private final ModelCard card;

    private HarmonicReference(String option, ModelOptions model, ModelCard card) {
        this.option = option;
        this.model = model;
        this.card = card;
    }

    /**
     * The model {@code v1} names, checked against what the run trains.
     *
     * @throws ConfigurationException if it takes other images or embeds in another dimension
     */
    static HarmonicReference resolve(String v1, TensorShape trainedInput, int trainedDimension) {
        if (!v1.equals(ModelCard.defaultCard().id()) && !Files.isRegularFile(Path.of(v1).resolve(ModelCard.FILE_NAME))) {
            throw new BadInputException("--harmonic-with " + v1 + ": neither a built-in model (dlib-resnet-v1) nor a"
                    + " model directory with " + ModelCard.FILE_NAME + " (e.g. a facenet train --out directory)");
        }
        ModelOptions model = new ModelOptions();
        model.model = v1;
        ModelCard card = model.card();
        TensorShape input = card.input().shape();
        if (!input.equals(trainedInput)) {
            throw new ConfigurationException("--harmonic-with " + v1 + " takes " + input + " images but the network"
                    + " trained here takes " + trainedInput + "; give a v1 trained on the same images (e.g. a facenet"
                    + " train output directory)");
        }
        if (card.embeddingSize() != trainedDimension) {
            throw new ConfigurationException("--harmonic-with " + v1 + " embeds in " + card.embeddingSize()
                    + " dimensions but --dimension is " + trainedDimension + "; harmonic embeddings share one space:"
                    + " train with --dimension " + card.embeddingSize());
        }
        return new HarmonicReference(v1, model, card);
    }

    /** "id@version" of v1, as the trained card's {@code compatible-with} lists it. */
    /** v1's card. */
    ModelCard card() {
        return card;
    }

    String reference() {
        return card.reference();
    }

    /**
     * The trainer's harmonic objective: v1's embeddings of {@code train}, read from the cache in
     * {@code out} or computed now and cached there, mined with {@code miner} and scored by
     * {@code loss} over v2's and v1's rows together.
     */
    HarmonicTriplets objective(PluginRuntime runtime, Dataset train, Path out, PrintWriter err, TripletMiner miner,
                               Loss loss, long seed) {
        ReferenceKey key = new ReferenceKey(reference(), train.description(), DatasetDigest.sha256(train), train.size(),
                card.embeddingSize());
        Path file = out.resolve(ReferenceCache.FILE_NAME);
        ReferenceEmbeddings embeddings = ReferenceCache.readOrCompute(file, key, () -> {
            long t0 = System.nanoTime();
            ModelPack pack = model.modelPack();
            Backend backend = runtime.get(Backend.class, BACKEND);
            ReferenceEmbeddings computed;
            try (FaceEmbedder embedder = new FaceEmbedder(pack.network(backend), card, BATCH)) {
                computed = ReferenceEmbeddings.compute(key, train, card.input().normalisation(), embedder, BATCH);
            }
            err.printf(Locale.ROOT, "facenet: harmonic training: embedded the %d training images with v1 %s in %.1f s;"
                    + " cached in %s%n", train.size(), reference(), (System.nanoTime() - t0) / 1e9, file);
            err.flush();
            return computed;
        });
        return new HarmonicTriplets(embeddings, miner, loss, seed);
    }

    @Override
    public String toString() {
        return option + " (" + reference() + ")";
    }
}
