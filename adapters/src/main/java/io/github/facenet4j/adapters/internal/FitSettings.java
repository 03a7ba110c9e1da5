package io.github.facenet4j.adapters.internal;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.OptimizerSettings;
import io.github.facenet4j.api.Settings;

/**
 * How a map is fitted by gradient descent after its closed-form start: {@code epochs} passes
 * over the training pairs in shuffled mini-batches of {@code batch}, Adam at
 * {@code learning-rate}, on the cosine regression loss 1 − cos(f(x), y) plus, when the pairs
 * have labels and {@code triplet-weight} &gt; 0, that weight times the triplet loss of FaceNet
 * eq. (1) with margin {@code margin}: anchor the mapped x, positive the target embedding of a
 * same-label image of the batch, negative the hardest other-label target of the batch.
 */
record FitSettings(int epochs, int batch, double learningRate, double tripletWeight, double margin) {

    static final int MAX_EPOCHS = 10_000;

    FitSettings {
        if (epochs < 0 || epochs > MAX_EPOCHS) {
            throw new ConfigurationException("epochs must be in [0, " + MAX_EPOCHS + "], got " + epochs);
        }
        if (batch < 2 || batch > 65_536) {
            throw new ConfigurationException("batch must be in [2, 65536], got " + batch);
        }
        OptimizerSettings.checkLearningRate(learningRate);
        if (!(tripletWeight >= 0) || !Double.isFinite(tripletWeight)) {
            throw new ConfigurationException("triplet-weight must be a finite number ≥ 0, got " + tripletWeight);
        }
        if (!(margin >= 0) || !Double.isFinite(margin)) {
            throw new ConfigurationException("margin must be a finite number ≥ 0, got " + margin);
        }
    }

    /** The keys {@code epochsKey}, {@code batch}, {@code learning-rate}, {@code triplet-weight}, {@code margin}. */
    static FitSettings from(String plugin, Settings settings, String epochsKey, int epochs) {
        try {
            return new FitSettings(settings.getInt(epochsKey, epochs), settings.getInt("batch", 256),
                    settings.getDouble("learning-rate", 1e-3), settings.getDouble("triplet-weight", 0.5),
                    settings.getDouble("margin", 0.2));
        } catch (ConfigurationException e) {
            throw ClosedForm.named(plugin, e);
        }
    }
}
