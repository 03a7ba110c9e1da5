package io.github.facenet4j.backends.dl4j.internal;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Padding;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link Graph} compiled to SameDiff, NCHW throughout, the batch size free. Only the nodes
 * the output depends on are compiled. Padding is always explicit (a pad op, then the window
 * op without padding) where ND4J's own padding would differ from the graph's: uneven
 * padding, max pooling (padded cells never win) and average pooling (padded cells are left
 * out of the mean, ONNX {@code count_include_pad = 0}).
 */
final class SameDiffGraph {

    static final String INPUT = "input";

    private final Graph graph;
    private final SameDiff sd;
    private final SDVariable output;
    private final boolean trainable;

    /**
     * @param trainable weights the output depends on become SameDiff variables (which get
     *                  gradients); otherwise constants
     */
    SameDiffGraph(Graph graph, boolean trainable) {
        this.graph = graph;
        this.trainable = trainable;
        this.sd = SameDiff.create();
        TensorShape in = graph.input().shape();
        Map<String, SDVariable> weights = new HashMap<>();
        for (String name : graph.liveWeights()) {
            INDArray values = array(graph.weight(name));
            weights.put(name, trainable ? sd.var(weightName(name), values) : sd.constant(weightName(name), values));
        }
        Map<String, SDVariable> values = new HashMap<>();
        for (Node node : graph.liveNodes()) {
            SDVariable value = node instanceof Node.Input
                    ? sd.placeHolder(INPUT, DataType.FLOAT, -1, in.channels(), in.height(), in.width())
                    : compile(node, values, weights);
            values.put(node.name(), value);
        }
        this.output = values.get(graph.output());
    }

    /** The SameDiff variable name of a graph weight (node and weight names may coincide). */
    static String weightName(String weight) {
        return "weight/" + weight;
    }

    SameDiff sameDiff() {
        return sd;
    }

    Graph graph() {
        return graph;
    }

    boolean trainable() {
        return trainable;
    }

    /** The output node's value, N × C × H × W. */
    SDVariable output() {
        return output;
    }

    static INDArray array(Tensor tensor) {
        return Nd4j.create(tensor.values(), toLong(tensor.shape()), 'c');
    }

    static INDArray batch(TensorBatch batch) {
        return Nd4j.create(batch.data(), new long[] {batch.batch(), batch.channels(), batch.height(), batch.width()},
                'c');
    }

    /** {@code rows} rows of {@code size} values of an N × … array. */
    static float[][] rows(INDArray array, int rows, int size) {
        float[] flat = array.dup('c').data().asFloat();
        float[][] out = new float[rows][];
        for (int n = 0; n < rows; n++) {
            out[n] = java.util.Arrays.copyOfRange(flat, n * size, (n + 1) * size);
        }
        return out;
    }

    private static long[] toLong(int[] dims) {
        long[] out = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = dims[i];
        }
        return out;
    }

    private SDVariable compile(Node node, Map<String, SDVariable> values, Map<String, SDVariable> w) {
        SDVariable x = values.get(node.inputs().get(0));
        TensorShape in = graph.layer(node.name()).inputShapes().get(0);
        if (node instanceof Node.Conv2d c) {
            return conv(x, in, c, w.get(c.weight()), c.bias() == null ? null : w.get(c.bias()));
        } else if (node instanceof Node.Dense d) {
            SDVariable flat = sd.reshape(x, -1, in.size());
            SDVariable y = sd.mmul(flat, w.get(d.weight()), false, true, false);
            if (d.bias() != null) {
                y = y.add(w.get(d.bias()));
            }
            return sd.reshape(y, -1, d.outFeatures(), 1, 1);
        } else if (node instanceof Node.Relu) {
            return sd.nn().relu(x, 0);
        } else if (node instanceof Node.LeakyRelu l) {
            return sd.nn().leakyRelu(x, l.alpha());
        } else if (node instanceof Node.Clip c) {
            return sd.math().clipByValue(x, c.min(), c.max());
        } else if (node instanceof Node.MaxPool p) {
            SDVariable padded = pad(x, p.padding(), 0, 0, Float.NEGATIVE_INFINITY);
            return sd.cnn().maxPooling2d(padded, pooling(p.kernel(), p.stride()));
        } else if (node instanceof Node.AvgPool p) {
            return avgPool(x, in, p);
        } else if (node instanceof Node.L2Pool p) {
            // √ of the zero-padded squares' window mean times k², floored so that an all-zero
            // window gets a zero gradient (Node.L2Pool.SQUARE_FLOOR).
            SDVariable means = sd.cnn().avgPooling2d(pad(x.mul(x), p.padding(), 0, 0, 0),
                    pooling(p.kernel(), p.kernel(), p.stride()));
            return sd.math().sqrt(sd.scalarMax(means.mul((double) p.kernel() * p.kernel()),
                    (double) Node.L2Pool.SQUARE_FLOOR));
        } else if (node instanceof Node.Lrn l) {
            // The channels as a spatial axis (N × 1 × C × HW), zero-padded by size / 2 at both
            // ends: a size × 1 window mean is (1 / size) Σ x² over the channels around each.
            int half = l.size() / 2;
            SDVariable rows = sd.reshape(x.mul(x), -1, 1, in.channels(), in.plane());
            SDVariable means = sd.cnn().avgPooling2d(pad(rows, new Padding(half, 0, half, 0), 0, 0, 0),
                    pooling(l.size(), 1, 1));
            SDVariable base = means.mul((double) l.alpha()).add((double) l.bias());
            SDVariable denominator = sd.reshape(sd.math().pow(base, (double) l.beta()), -1, in.channels(),
                    in.height(), in.width());
            return x.div(denominator);
        } else if (node instanceof Node.Maxout m) {
            long groups = in.channels() / m.pieces();
            SDVariable best = sd.reshape(x, -1, groups, m.pieces(), in.plane()).max(false, 2);
            return sd.reshape(best, -1, groups, in.height(), in.width());
        } else if (node instanceof Node.Add a) {
            return x.add(values.get(a.right()));
        } else if (node instanceof Node.Concat c) {
            if (c.sources().size() == 1) {
                return sd.identity(x);
            }
            SDVariable[] parts = c.sources().stream().map(values::get).toArray(SDVariable[]::new);
            return sd.concat(1, parts);
        } else if (node instanceof Node.ZeroPad z) {
            return pad(x, z.spatial(), z.channelsBefore(), z.channelsAfter(), 0);
        } else if (node instanceof Node.GlobalAvgPool) {
            return x.mean(true, 2, 3);
        } else if (node instanceof Node.L2Normalize l) {
            // x / max(‖x‖₂, ε) computed as x / √max(Σx², ε²): the same value, and a zero vector
            // gets a zero gradient instead of the 0·∞ of √'s derivative at 0.
            SDVariable sum = x.mul(x).sum(true, 1, 2, 3);
            SDVariable norm = sd.math().sqrt(sd.scalarMax(sum, (double) l.epsilon() * l.epsilon()));
            return x.div(norm);
        } else if (node instanceof Node.Scale s) {
            long channels = in.channels();
            SDVariable y = x.mul(sd.reshape(w.get(s.weight()), 1, channels, 1, 1));
            return s.bias() == null ? y : y.add(sd.reshape(w.get(s.bias()), 1, channels, 1, 1));
        }
        throw new ConfigurationException("The DL4J backend cannot run node '" + node.name() + "' (" + node.op() + ")");
    }

    /**
     * ND4J pads convolutions symmetrically: uneven padding is added to the input first. Groups
     * are a depthwise convolution when there is one per input channel, and otherwise convolved
     * one by one on their slice of the channels and the weights (ND4J's conv2d has no groups),
     * then concatenated.
     */
    private SDVariable conv(SDVariable x, TensorShape in, Node.Conv2d c, SDVariable weight, SDVariable bias) {
        Padding p = c.padding();
        boolean even = p.top() == p.bottom() && p.left() == p.right();
        SDVariable input = even ? x : pad(x, p, 0, 0, 0);
        // ND4J's default weight layout [k, k, in, out] (YXIO): its conv2d backward pass refuses
        // the OIYX option in 1.0.0-M2.1, so the graph's [out, in, k, k] weights are permuted.
        Conv2DConfig config = Conv2DConfig.builder().kH(c.kernel()).kW(c.kernel()).sH(c.stride()).sW(c.stride())
                .pH(even ? p.top() : 0).pW(even ? p.left() : 0).dH(1).dW(1).paddingMode(PaddingMode.VALID)
                .dataFormat(Conv2DConfig.NCHW).build();
        if (c.groups() == 1) {
            // A constant is permuted once here, into a contiguous array: ND4J's conv2d on a
            // permuted view was measured 0.7 faces/s on the dlib ResNet.
            SDVariable yxio = trainable ? weight.permute(2, 3, 1, 0)
                    : sd.constant(weight.getArr().permute(2, 3, 1, 0).dup('c'));
            return bias == null ? sd.cnn().conv2d(input, yxio, config) : sd.cnn().conv2d(input, yxio, bias, config);
        }
        if (c.groups() == in.channels()) {
            // Depthwise: output channel c·m + j reads input channel c (ONNX's grouping and
            // ND4J's alike); ND4J takes the weights as [k, k, in, m].
            long multiplier = c.outChannels() / in.channels();
            SDVariable depthwise = sd.reshape(weight, in.channels(), multiplier, c.kernel(), c.kernel())
                    .permute(2, 3, 0, 1);
            return bias == null ? sd.cnn().depthWiseConv2d(input, depthwise, config)
                    : sd.cnn().depthWiseConv2d(input, depthwise, bias, config);
        }
        SDVariable[] inputs = sd.split(input, c.groups(), 1);
        SDVariable[] weights = sd.split(weight.permute(2, 3, 1, 0), c.groups(), 3);
        SDVariable[] biases = bias == null ? null : sd.split(bias, c.groups(), 0);
        SDVariable[] outputs = new SDVariable[c.groups()];
        for (int g = 0; g < c.groups(); g++) {
            outputs[g] = biases == null ? sd.cnn().conv2d(inputs[g], weights[g], config)
                    : sd.cnn().conv2d(inputs[g], weights[g], biases[g], config);
        }
        return sd.concat(1, outputs);
    }

    /**
     * Mean over the cells inside the sample: the window mean of the zero-padded input (sum / k²)
     * times k² / (cells inside), a constant per output position (0 where no cell is inside,
     * as in the reference).
     */
    private SDVariable avgPool(SDVariable x, TensorShape in, Node.AvgPool p) {
        Padding q = p.padding();
        SDVariable means = sd.cnn().avgPooling2d(pad(x, q, 0, 0, 0), pooling(p.kernel(), p.stride()));
        if (q.equals(Padding.NONE)) {
            return means;
        }
        TensorShape out = p.outputShape(java.util.List.of(in));
        float[] factor = new float[out.height() * out.width()];
        int k = p.kernel();
        for (int oy = 0; oy < out.height(); oy++) {
            for (int ox = 0; ox < out.width(); ox++) {
                int rows = inside(oy * p.stride() - q.top(), k, in.height());
                int cols = inside(ox * p.stride() - q.left(), k, in.width());
                factor[oy * out.width() + ox] = rows * cols == 0 ? 0 : (float) (k * k) / (rows * cols);
            }
        }
        INDArray constant = Nd4j.create(factor, new long[] {1, 1, out.height(), out.width()}, 'c');
        return means.mul(sd.constant(constant));
    }

    /** How many of the window's cells [start, start + k) fall in [0, size). */
    private static int inside(int start, int k, int size) {
        return Math.max(0, Math.min(start + k, size) - Math.max(start, 0));
    }

    private static Pooling2DConfig pooling(int kernel, int stride) {
        return pooling(kernel, kernel, stride);
    }

    private static Pooling2DConfig pooling(int kernelHeight, int kernelWidth, int stride) {
        return Pooling2DConfig.builder().kH(kernelHeight).kW(kernelWidth).sH(stride).sW(stride).pH(0).pW(0).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).isNHWC(false).build();
    }

    /** Pads N × C × H × W with {@code value}: channels before/after and the spatial padding. */
    private SDVariable pad(SDVariable x, Padding s, int before, int after, double value) {
        if (s.equals(Padding.NONE) && before == 0 && after == 0) {
            return x;
        }
        INDArray pads = Nd4j.createFromArray(new int[][] {{0, 0}, {before, after}, {s.top(), s.bottom()},
                {s.left(), s.right()}});
        return sd.nn().pad(x, sd.constant(pads), PadMode.CONSTANT, value);
    }
}
