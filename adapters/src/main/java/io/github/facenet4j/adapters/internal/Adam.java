package io.github.facenet4j.adapters.internal;

import static io.github.facenet4j.api.OptimizerSettings.ADAM_BETA1;
import static io.github.facenet4j.api.OptimizerSettings.ADAM_BETA2;
import static io.github.facenet4j.api.OptimizerSettings.ADAM_EPSILON;

/** Adam (Kingma &amp; Ba 2015) on one float array, with the constants the backends' Adam uses. */
final class Adam {

    private final float[] parameters;
    private final double learningRate;
    private final float[] first;
    private final float[] second;
    private int steps;

    Adam(float[] parameters, double learningRate) {
        this.parameters = parameters;
        this.learningRate = learningRate;
        this.first = new float[parameters.length];
        this.second = new float[parameters.length];
    }

    /** One step down {@code gradient}. */
    void step(float[] gradient) {
        steps++;
        double correction1 = 1 - Math.pow(ADAM_BETA1, steps);
        double correction2 = 1 - Math.pow(ADAM_BETA2, steps);
        float rate = (float) (learningRate * Math.sqrt(correction2) / correction1);
        float b1 = (float) ADAM_BETA1;
        float b2 = (float) ADAM_BETA2;
        for (int p = 0; p < parameters.length; p++) {
            float g = gradient[p];
            first[p] = b1 * first[p] + (1 - b1) * g;
            second[p] = b2 * second[p] + (1 - b2) * g * g;
            parameters[p] -= rate * first[p] / ((float) Math.sqrt(second[p]) + ADAM_EPSILON);
        }
    }
}
