package io.github.facenet4j.backends.dl4j.internal;

import static io.github.facenet4j.api.OptimizerSettings.ADAGRAD_EPSILON;
import static io.github.facenet4j.api.OptimizerSettings.ADAM_BETA1;
import static io.github.facenet4j.api.OptimizerSettings.ADAM_BETA2;
import static io.github.facenet4j.api.OptimizerSettings.ADAM_EPSILON;

import io.github.facenet4j.api.OptimizerSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The update rules of {@link OptimizerSettings} on INDArrays, the same rules as the djl
 * backend's (PyTorch's {@code torch.optim}, weight decay as an L2 term g ← g + λw), written out
 * rather than taken from ND4J's updaters so that every piece of state is an array of
 * {@link #slots} or one of two numbers and a resumed run continues exactly:
 * <ul>
 *   <li>SGD: v ← μv + g, w ← w − η·v (with μ = 0: w ← w − η·g, no state);</li>
 *   <li>AdaGrad: h ← h + g², w ← w − η·g / (√h + 1e-10) (h starts at 0);</li>
 *   <li>Adam: t ← t + 1, m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
 *       w ← w − η/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε), β₁ = 0.9, β₂ = 0.999, ε = 1e-8.</li>
 * </ul>
 * All arithmetic is float32, in the same order every time.
 */
final class Dl4jOptimizer {

    private final OptimizerSettings settings;
    private final Map<String, List<INDArray>> slots = new LinkedHashMap<>();
    private double learningRate;
    private long steps;

    /** @param trained the shapes of the weights that receive gradients, by name (zero state for each) */
    Dl4jOptimizer(OptimizerSettings settings, Map<String, long[]> trained) {
        this.settings = settings;
        this.learningRate = settings.learningRate();
        trained.forEach((name, shape) -> {
            List<INDArray> state = new ArrayList<>();
            for (int i = 0; i < settings.stateArraysPerWeight(); i++) {
                state.add(Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape));
            }
            slots.put(name, state);
        });
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

    long steps() {
        return steps;
    }

    /** The state arrays of one weight in a fixed order; {@code null} for a weight without gradient. */
    List<INDArray> slots(String weight) {
        return slots.get(weight);
    }

    /** Replaces the state with restored values (copied into the existing arrays). */
    void restore(double learningRate, long steps, Map<String, List<float[]>> state) {
        slots.forEach((name, arrays) -> {
            for (int i = 0; i < arrays.size(); i++) {
                INDArray restored = Nd4j.create(state.get(name).get(i), arrays.get(i).shape(), 'c');
                arrays.get(i).assign(restored);
            }
        });
        this.learningRate = learningRate;
        this.steps = steps;
    }

    /**
     * One step: updates every weight in place from its gradient.
     *
     * @param weights   the arrays to update in place, by name
     * @param gradients dL/dw by name, for the names that have state
     */
    void step(Map<String, INDArray> weights, Map<String, INDArray> gradients) {
        steps++;
        float lr = (float) learningRate;
        float decay = (float) settings.weightDecay();
        for (Map.Entry<String, List<INDArray>> entry : slots.entrySet()) {
            INDArray w = weights.get(entry.getKey());
            INDArray g = gradients.get(entry.getKey());
            if (decay > 0) {
                g = g.add(w.mul(decay));
            }
            List<INDArray> state = entry.getValue();
            switch (settings.kind()) {
                case SGD -> {
                    INDArray direction = state.isEmpty() ? g : state.get(0).muli((float) settings.momentum()).addi(g);
                    w.subi(direction.mul(lr));
                }
                case ADAGRAD -> {
                    INDArray h = state.get(0).addi(g.mul(g));
                    w.subi(g.div(Transforms.sqrt(h, true).addi(ADAGRAD_EPSILON)).muli(lr));
                }
                case ADAM -> adam(w, g, state.get(0), state.get(1), lr);
                default -> throw new IllegalStateException(settings.kind().name());
            }
        }
    }

    private void adam(INDArray w, INDArray g, INDArray m, INDArray v, float lr) {
        m.muli((float) ADAM_BETA1).addi(g.mul((float) (1 - ADAM_BETA1)));
        v.muli((float) ADAM_BETA2).addi(g.mul(g).muli((float) (1 - ADAM_BETA2)));
        double correction1 = 1 - Math.pow(ADAM_BETA1, steps);
        double correction2 = 1 - Math.pow(ADAM_BETA2, steps);
        INDArray denominator = Transforms.sqrt(v, true).divi((float) Math.sqrt(correction2)).addi(ADAM_EPSILON);
        w.subi(m.div(denominator).muli((float) (lr / correction1)));
    }
}
