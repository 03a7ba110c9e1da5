package io.github.facenet4j.backends.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Padding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@link Graph} on NDArrays of DJL's PyTorch engine, one engine operator (or a few) per
 * node, NCHW throughout. Whether the run is recorded for back-propagation is up to the caller
 * (weights that require gradients, inside a gradient collector); the ops are the same.
 *
 * <p>Every array a node produces is derived from the batch's array, so it lives in the
 * caller's manager; intermediate values are closed as soon as no later node reads them
 * (autograd keeps its own references to what the backward pass needs). Nodes the output does
 * not depend on are not run. Stateless apart from the graph: thread-safe.
 */
final class DjlGraphRunner {

    private final Graph graph;
    private final List<Node> live;
    private final Map<String, Integer> consumers;
    private final Set<String> liveWeights;

    DjlGraphRunner(Graph graph) {
        this.graph = graph;
        this.live = graph.liveNodes();
        this.consumers = new HashMap<>();
        this.liveWeights = graph.liveWeights();
        for (Node node : live) {
            requireSupported(node);
            for (String source : node.inputs()) {
                consumers.merge(source, 1, Integer::sum);
            }
        }
    }

    Graph graph() {
        return graph;
    }

    /** Names of the weights the output depends on (the ones that receive gradients). */
    Set<String> liveWeights() {
        return liveWeights;
    }

    private static void requireSupported(Node node) {
        if (!(node instanceof Node.Input || node instanceof Node.Conv2d || node instanceof Node.Dense
                || node instanceof Node.Relu || node instanceof Node.LeakyRelu || node instanceof Node.Clip || node instanceof Node.MaxPool
                || node instanceof Node.AvgPool || node instanceof Node.Add || node instanceof Node.Concat
                || node instanceof Node.ZeroPad || node instanceof Node.GlobalAvgPool
                || node instanceof Node.L2Normalize || node instanceof Node.Scale || node instanceof Node.L2Pool
                || node instanceof Node.Lrn || node instanceof Node.Maxout)) {
            throw new ConfigurationException("The DJL backend cannot run node '" + node.name() + "' (" + node.op()
                    + ")");
        }
    }

    /**
     * Runs the graph.
     *
     * @param input   N × C × H × W, the graph's input shape per sample; not closed
     * @param weights the graph's weights by name, in the engine shapes the graph gives them
     * @return the output node's value, N × C × H × W, in {@code input}'s manager
     */
    NDArray run(NDArray input, Map<String, NDArray> weights) {
        Map<String, NDArray> values = new HashMap<>();
        Map<String, Integer> pending = new HashMap<>(consumers);
        try {
            for (Node node : live) {
                NDArray value = node instanceof Node.Input ? input : compute(node, values, weights);
                for (String source : node.inputs()) {
                    if (values.get(source) == value) {
                        value = value.duplicate(); // an op that handed its input back: keep one owner per array
                    }
                }
                values.put(node.name(), value);
                for (String source : node.inputs()) {
                    if (pending.merge(source, -1, Integer::sum) == 0) {
                        release(values.remove(source), input);
                    }
                }
            }
            return values.remove(graph.output());
        } finally {
            for (NDArray left : values.values()) {
                release(left, input); // only after a failure: a finished run leaves nothing behind
            }
        }
    }

    private static void release(NDArray value, NDArray input) {
        if (value != null && value != input) {
            value.close();
        }
    }

    private NDArray compute(Node node, Map<String, NDArray> values, Map<String, NDArray> w) {
        NDArray x = values.get(node.inputs().get(0));
        if (node instanceof Node.Conv2d c) {
            return conv(x, c, w.get(c.weight()), c.bias() == null ? null : w.get(c.bias()));
        } else if (node instanceof Node.Dense d) {
            long n = x.getShape().get(0);
            try (NDArray flat = x.reshape(n, -1);
                    NDArray y = Linear.linear(flat, w.get(d.weight()), d.bias() == null ? null : w.get(d.bias()))
                            .singletonOrThrow()) {
                return y.reshape(n, d.outFeatures(), 1, 1);
            }
        } else if (node instanceof Node.Relu) {
            return Activation.relu(x);
        } else if (node instanceof Node.LeakyRelu l) {
            return Activation.leakyRelu(x, l.alpha());
        } else if (node instanceof Node.Clip c) {
            return x.clip(c.min(), c.max());
        } else if (node instanceof Node.MaxPool p) {
            return maxPool(x, p);
        } else if (node instanceof Node.AvgPool p) {
            return avgPool(x, p);
        } else if (node instanceof Node.L2Pool p) {
            return l2Pool(x, p);
        } else if (node instanceof Node.Lrn l) {
            return lrn(x, l);
        } else if (node instanceof Node.Maxout m) {
            Shape s = x.getShape();
            long n = s.get(0);
            try (NDArray runs = x.reshape(n, s.get(1) / m.pieces(), m.pieces(), s.get(2) * s.get(3));
                    NDArray best = runs.max(new int[] {2})) {
                return best.reshape(n, s.get(1) / m.pieces(), s.get(2), s.get(3));
            }
        } else if (node instanceof Node.Add a) {
            return x.add(values.get(a.right()));
        } else if (node instanceof Node.Concat c) {
            NDList parts = new NDList();
            for (String source : c.sources()) {
                parts.add(values.get(source));
            }
            return NDArrays.concat(parts, 1);
        } else if (node instanceof Node.ZeroPad z) {
            Padding s = z.spatial();
            return pad(x, s.top(), s.left(), s.bottom(), s.right(), z.channelsBefore(), z.channelsAfter(), 0);
        } else if (node instanceof Node.GlobalAvgPool) {
            try (NDArray means = Pool.globalAvgPool2d(x)) { // N × C
                return means.reshape(means.getShape().get(0), means.getShape().get(1), 1, 1);
            }
        } else if (node instanceof Node.L2Normalize l) {
            // x / max(‖x‖₂, ε) computed as x / √max(Σx², ε²): the same value, and a zero vector
            // gets a zero gradient instead of the 0·∞ of √'s derivative at 0.
            float floor = l.epsilon() * l.epsilon();
            try (NDArray squares = x.square();
                    NDArray sum = squares.sum(new int[] {1, 2, 3}, true);
                    NDArray clamped = sum.maximum(floor);
                    NDArray norm = clamped.sqrt()) {
                return x.div(norm);
            }
        } else if (node instanceof Node.Scale s) {
            long channels = x.getShape().get(1);
            NDArray scaled;
            try (NDArray multiplier = w.get(s.weight()).reshape(1, channels, 1, 1)) {
                scaled = x.mul(multiplier);
            }
            if (s.bias() == null) {
                return scaled;
            }
            try (scaled; NDArray offset = w.get(s.bias()).reshape(1, channels, 1, 1)) {
                return scaled.add(offset);
            }
        }
        throw new IllegalStateException("Unchecked node " + node.op()); // requireSupported ran first
    }

    /** PyTorch pads convolutions symmetrically: uneven padding is added to the input first. */
    private static NDArray conv(NDArray x, Node.Conv2d c, NDArray weight, NDArray bias) {
        Padding p = c.padding();
        Shape stride = new Shape(c.stride(), c.stride());
        Shape dilation = new Shape(1, 1);
        if (p.top() == p.bottom() && p.left() == p.right()) {
            return Conv2d.conv2d(x, weight, bias, stride, new Shape(p.top(), p.left()), dilation, c.groups())
                    .singletonOrThrow();
        }
        try (NDArray padded = pad(x, p.top(), p.left(), p.bottom(), p.right(), 0, 0, 0)) {
            return Conv2d.conv2d(padded, weight, bias, stride, new Shape(0, 0), dilation, c.groups())
                    .singletonOrThrow();
        }
    }

    /**
     * PyTorch's pooling pads symmetrically and at most half a window; other padding is added
     * explicitly, with −∞ so that padded cells never win.
     */
    private static NDArray maxPool(NDArray x, Node.MaxPool p) {
        Shape window = new Shape(p.kernel(), p.kernel());
        Shape stride = new Shape(p.stride(), p.stride());
        if (nativePadding(p.padding(), p.kernel())) {
            return Pool.maxPool2d(x, window, stride, new Shape(p.padding().top(), p.padding().left()), false);
        }
        Padding q = p.padding();
        try (NDArray padded = pad(x, q.top(), q.left(), q.bottom(), q.right(), 0, 0, Float.NEGATIVE_INFINITY)) {
            return Pool.maxPool2d(padded, window, stride, new Shape(0, 0), false);
        }
    }

    /**
     * Mean over the cells inside the sample (ONNX {@code count_include_pad = 0}): the window
     * mean of the zero-padded input divided by the window mean of a zero-padded mask of ones,
     * i.e. sum / (cells inside). PyTorch's own padding is not used: through DJL 0.36 it
     * counted padded cells even with {@code countIncludePad} false (measured, off by up to 0.56
     * on the test's values), and it pads only symmetrically.
     */
    private static NDArray avgPool(NDArray x, Node.AvgPool p) {
        Shape window = new Shape(p.kernel(), p.kernel());
        Shape stride = new Shape(p.stride(), p.stride());
        Padding q = p.padding();
        if (q.equals(Padding.NONE)) {
            return Pool.avgPool2d(x, window, stride, new Shape(0, 0), false, true);
        }
        Shape plane = new Shape(1, 1, x.getShape().get(2), x.getShape().get(3));
        try (NDArray padded = pad(x, q.top(), q.left(), q.bottom(), q.right(), 0, 0, 0);
                NDArray sums = Pool.avgPool2d(padded, window, stride, new Shape(0, 0), false, true);
                NDArray ones = x.getManager().ones(plane, x.getDataType());
                NDArray mask = pad(ones, q.top(), q.left(), q.bottom(), q.right(), 0, 0, 0);
                NDArray inside = Pool.avgPool2d(mask, window, stride, new Shape(0, 0), false, true);
                // A window wholly in the padding has no cell inside: its mean is 0, as in the reference.
                NDArray divisor = inside.maximum(Float.MIN_NORMAL)) {
            return sums.div(divisor);
        }
    }

    /**
     * √ of the window sum of squares: the zero-padded squares' window mean (every cell counted)
     * times k², floored at {@link Node.L2Pool#SQUARE_FLOOR} so that an all-zero window gets a
     * zero gradient.
     */
    private static NDArray l2Pool(NDArray x, Node.L2Pool p) {
        Shape window = new Shape(p.kernel(), p.kernel());
        Shape stride = new Shape(p.stride(), p.stride());
        Padding q = p.padding();
        try (NDArray squares = x.square();
                NDArray padded = pad(squares, q.top(), q.left(), q.bottom(), q.right(), 0, 0, 0);
                NDArray means = Pool.avgPool2d(padded, window, stride, new Shape(0, 0), false, true);
                NDArray sums = means.mul(p.kernel() * p.kernel());
                NDArray floored = sums.maximum(Node.L2Pool.SQUARE_FLOOR)) {
            return floored.sqrt();
        }
    }

    /**
     * x / (bias + alpha · mean of the squares over the size channels around each)^beta: the
     * channels become a spatial axis (N × 1 × C × HW), zero-padded by size / 2 at both ends,
     * and a size × 1 window mean that counts every cell is alpha / size · Σ x² over the window.
     */
    private static NDArray lrn(NDArray x, Node.Lrn l) {
        Shape s = x.getShape();
        int half = l.size() / 2;
        try (NDArray squares = x.square();
                NDArray rows = squares.reshape(s.get(0), 1, s.get(1), s.get(2) * s.get(3));
                NDArray means = Pool.avgPool2d(rows, new Shape(l.size(), 1), new Shape(1, 1), new Shape(half, 0),
                        false, true);
                NDArray scaled = means.mul(l.alpha());
                NDArray base = scaled.add(l.bias());
                NDArray denominator = base.pow(l.beta());
                NDArray shaped = denominator.reshape(s)) {
            return x.div(shaped);
        }
    }

    private static boolean nativePadding(Padding p, int kernel) {
        return p.top() == p.bottom() && p.left() == p.right() && 2 * p.top() <= kernel && 2 * p.left() <= kernel;
    }

    /** Pads an N × C × H × W array (PyTorch orders pads from the last axis: W, then H, then C). */
    private static NDArray pad(NDArray x, int top, int left, int bottom, int right, int before, int after,
            float value) {
        return x.pad(new Shape(left, right, top, bottom, before, after), value);
    }
}
