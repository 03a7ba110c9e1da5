package io.github.facenet4j.backends.djl.internal;

import static io.github.facenet4j.api.OptimizerSettings.ADAGRAD_EPSILON;
import static io.github.facenet4j.api.OptimizerSettings.ADAM_BETA1;
import static io.github.facenet4j.api.OptimizerSettings.ADAM_BETA2;
import static io.github.facenet4j.api.OptimizerSettings.ADAM_EPSILON;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.github.facenet4j.api.OptimizerSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The update rules of {@link OptimizerSettings}, written out on NDArrays rather than taken from
 * DJL's optimizers, whose moments and step counts cannot be exported: here every piece of
 * state is an array of {@link #slots} or one of two numbers, so a resumed run continues
 * exactly. The rules follow PyTorch's {@code torch.optim} (weight decay as an L2 term added
 * to the gradient, g ← g + λw):
 * <ul>
 *   <li>SGD: v ← μv + g, w ← w − η·v (with μ = 0: w ← w − η·g, no state);</li>
 *   <li>AdaGrad: h ← h + g², w ← w − η·g / (√h + 1e-10) (h starts at 0);</li>
 *   <li>Adam: t ← t + 1, m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
 *       w ← w − η/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε), β₁ = 0.9, β₂ = 0.999, ε = 1e-8.</li>
 * </ul>
 * All arithmetic is float32 on the engine, in the same order every time.
 */
final class DjlOptimizer {

    private final OptimizerSettings settings;
    private final Map<String, List<NDArray>> slots = new LinkedHashMap<>();
    private double learningRate;
    private long steps;

    /**
     * @param trained the weights that receive gradients, by name; zero state is created for
     *                each in {@code manager}
     */
    DjlOptimizer(OptimizerSettings settings, NDManager manager, Map<String, NDArray> trained) {
        this.settings = settings;
        this.learningRate = settings.learningRate();
        for (Map.Entry<String, NDArray> w : trained.entrySet()) {
            List<NDArray> state = new ArrayList<>();
            for (int i = 0; i < settings.stateArraysPerWeight(); i++) {
                state.add(manager.zeros(w.getValue().getShape()));
            }
            slots.put(w.getKey(), state);
        }
    }

    OptimizerSettings settings() {
        return settings;
    }

    double learningRate() {
        return learningRate;
    }

    void learningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    /** Steps taken (Adam's t). */
    long steps() {
        return steps;
    }

    /** The state arrays of one weight, in a fixed order (empty for plain SGD). */
    List<NDArray> slots(String weight) {
        return slots.get(weight);
    }

    /** Replaces the state with restored values; {@code state} arrays are taken over. */
    void restore(double learningRate, long steps, Map<String, List<NDArray>> state) {
        for (List<NDArray> old : slots.values()) {
            old.forEach(NDArray::close);
        }
        slots.clear();
        slots.putAll(state);
        this.learningRate = learningRate;
        this.steps = steps;
    }

    /**
     * One step: updates every weight in place from its gradient.
     *
     * @param weights   arrays to update in place (detached from autograd), by name
     * @param gradients dL/dw by name, for the same names as the state
     */
    void step(Map<String, NDArray> weights, Map<String, NDArray> gradients) {
        steps++;
        float lr = (float) learningRate;
        float decay = (float) settings.weightDecay();
        // The scope closes every temporary array the update rules create.
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Map.Entry<String, List<NDArray>> entry : slots.entrySet()) {
                NDArray w = weights.get(entry.getKey());
                NDArray g = gradients.get(entry.getKey());
                if (decay > 0) {
                    g = g.add(w.mul(decay));
                }
                List<NDArray> state = entry.getValue();
                switch (settings.kind()) {
                    case SGD -> sgd(w, g, state, lr);
                    case ADAGRAD -> adagrad(w, g, state.get(0), lr);
                    case ADAM -> adam(w, g, state.get(0), state.get(1), lr);
                    default -> throw new IllegalStateException(settings.kind().name());
                }
            }
        }
    }

    private void sgd(NDArray w, NDArray g, List<NDArray> state, float lr) {
        NDArray direction = g;
        if (!state.isEmpty()) {
            direction = state.get(0).muli((float) settings.momentum()).addi(g);
        }
        w.subi(direction.mul(lr));
    }

    private static void adagrad(NDArray w, NDArray g, NDArray h, float lr) {
        h.addi(g.square());
        w.subi(g.div(h.sqrt().add(ADAGRAD_EPSILON)).mul(lr));
    }

    private void adam(NDArray w, NDArray g, NDArray m, NDArray v, float lr) {
        m.muli((float) ADAM_BETA1).addi(g.mul((float) (1 - ADAM_BETA1)));
        v.muli((float) ADAM_BETA2).addi(g.square().mul((float) (1 - ADAM_BETA2)));
        double correction1 = 1 - Math.pow(ADAM_BETA1, steps);
        double correction2 = 1 - Math.pow(ADAM_BETA2, steps);
        NDArray denominator = v.sqrt().div((float) Math.sqrt(correction2)).add(ADAM_EPSILON);
        w.subi(m.div(denominator).mul((float) (lr / correction1)));
    }
}
