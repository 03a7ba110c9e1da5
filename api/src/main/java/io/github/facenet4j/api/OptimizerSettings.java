package io.github.facenet4j.api;

import java.util.Objects;

/**
 * How a {@link TrainableEmbedder} updates its weights. FaceNet trained with AdaGrad at a
 * learning rate of 0.05 (§3.3, "Stochastic Gradient Descent (SGD) with standard backprop and
 * AdaGrad"); Adam and SGD with momentum are the usual alternatives.
 *
 * @param kind         the update rule
 * @param learningRate initial step size, &gt; 0 (a trainer may change it per step)
 * @param momentum     SGD momentum in [0, 1); ignored by the others
 * @param weightDecay  L2 penalty on weights, ≥ 0
 */
public record OptimizerSettings(Kind kind, double learningRate, double momentum, double weightDecay) {

    /** The update rules every trainable backend provides. */
    public enum Kind { ADAGRAD, ADAM, SGD }

    /** AdaGrad's ε in w ← w − η·g / (√h + ε), the same in every backend (PyTorch's default). */
    public static final float ADAGRAD_EPSILON = 1e-10f;
    /** Adam's β₁, β₂ and ε (Kingma &amp; Ba's defaults, PyTorch's too), the same in every backend. */
    public static final double ADAM_BETA1 = 0.9;
    public static final double ADAM_BETA2 = 0.999;
    public static final float ADAM_EPSILON = 1e-8f;

    public OptimizerSettings {
        Objects.requireNonNull(kind, "kind");
        checkLearningRate(learningRate);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new ConfigurationException("Momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new ConfigurationException("Weight decay must be a finite number ≥ 0, got " + weightDecay);
        }
    }

    /**
     * Arrays of state the rule keeps per weight: SGD with momentum 1 (the velocity), plain SGD
     * 0, AdaGrad 1 (the sum of squares), Adam 2 (the two moments).
     */
    public int stateArraysPerWeight() {
        return switch (kind) {
            case SGD -> momentum > 0 ? 1 : 0;
            case ADAGRAD -> 1;
            case ADAM -> 2;
        };
    }

    /**
     * Refuses a step size that is not a finite number &gt; 0 (also a trainer's schedule's).
     *
     * @throws ConfigurationException quoting it
     */
    public static void checkLearningRate(double learningRate) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new ConfigurationException("Learning rate must be a finite number > 0, got " + learningRate);
        }
    }

    /** The FaceNet paper's choice: AdaGrad, learning rate 0.05. */
    public static OptimizerSettings faceNet() {
        return new OptimizerSettings(Kind.ADAGRAD, 0.05, 0, 0);
    }

    /** Adam at the given learning rate (1e-3 is the usual start). */
    public static OptimizerSettings adam(double learningRate) {
        return new OptimizerSettings(Kind.ADAM, learningRate, 0, 0);
    }
}
