package io.github.facenet4j.api.nn;

import io.github.facenet4j.api.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One operation of a {@link Graph}. A node has a unique name, reads the outputs of earlier
 * nodes named in {@link #inputs()}, and may read weights of the graph by name. Shapes are
 * per sample (C × H × W); weight layouts follow ONNX: convolution weights
 * {@code [out, in / groups, k, k]}, dense weights {@code [out, in]}.
 *
 * <p>Multiply-adds are counted as the FaceNet paper's tables count "FLOPS" (one per
 * multiply-accumulate of a convolution or dense layer, Schroff et al. 2015, §3.3); a
 * {@link Scale} counts one per value. Activations, pooling (L2 pooling too), normalisation
 * (LRN), maxout, adds and padding count zero, as the paper's tables list none for them.
 */
public sealed interface Node {

    /** Unique name of this node in its graph. */
    String name();

    /** Names of the nodes whose outputs this node reads, in order. */
    List<String> inputs();

    /** Short operation name for tables ("conv", "relu", …). */
    String op();

    /**
     * The shape this node produces from inputs of the given shapes.
     *
     * @throws ConfigurationException if the inputs do not fit, naming the node and the shapes
     */
    TensorShape outputShape(List<TensorShape> in);

    /** The weights this node reads, by name, with the shape each must have. */
    default Map<String, int[]> weightShapes(List<TensorShape> in) {
        return Map.of();
    }

    /** Multiply-adds per sample, given the input shapes and this node's output shape. */
    default long multiplyAdds(List<TensorShape> in, TensorShape out) {
        return 0;
    }

    private static void require(boolean ok, Node node, String message) {
        if (!ok) {
            throw new ConfigurationException("Node '" + node.name() + "' (" + node.op() + "): " + message);
        }
    }

    private static int windowOutput(Node node, int size, int pad, int kernel, int stride, String axis) {
        int padded = size + pad;
        require(padded >= kernel, node, "window " + kernel + " does not fit the padded " + axis + " " + padded);
        return (padded - kernel) / stride + 1;
    }

    /** Output shape of a square pooling window over each channel. */
    private static TensorShape pooledShape(Node node, TensorShape x, int kernel, int stride, Padding padding) {
        return new TensorShape(x.channels(),
                windowOutput(node, x.height(), padding.top() + padding.bottom(), kernel, stride, "height"),
                windowOutput(node, x.width(), padding.left() + padding.right(), kernel, stride, "width"));
    }

    /** Checks a pooling node's name, input, window and padding. */
    private static void checkWindow(String op, String name, String input, int kernel, int stride, Padding padding) {
        checkOne(name, input);
        Objects.requireNonNull(padding, "padding");
        if (kernel < 1 || stride < 1) {
            throw new ConfigurationException(op + " '" + name + "' needs kernel and stride ≥ 1, got "
                    + kernel + ", " + stride);
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new ConfigurationException("Node names must not be blank, got '" + name + "'");
        }
    }

    private static void checkOne(String name, String input) {
        checkName(name);
        Objects.requireNonNull(input, () -> "input of node '" + name + "'");
    }

    /** The graph's input: a sample of the given shape. */
    record Input(String name, TensorShape shape) implements Node {
        public Input {
            checkName(name);
            Objects.requireNonNull(shape, "shape");
        }

        @Override public List<String> inputs() { return List.of(); }
        @Override public String op() { return "input"; }
        @Override public TensorShape outputShape(List<TensorShape> in) { return shape; }
    }

    /**
     * 2-D convolution (cross-correlation, as every framework computes it) with a square
     * kernel, one stride for both axes, explicit zero padding and channel groups.
     *
     * @param weight name of the {@code [outChannels, inChannels / groups, kernel, kernel]} weight
     * @param bias   name of the {@code [outChannels]} bias, or {@code null} for none
     */
    record Conv2d(String name, String input, int outChannels, int kernel, int stride, Padding padding,
            int groups, String weight, String bias) implements Node {
        public Conv2d {
            checkOne(name, input);
            Objects.requireNonNull(padding, "padding");
            Objects.requireNonNull(weight, "weight");
            if (outChannels < 1 || kernel < 1 || stride < 1 || groups < 1) {
                throw new ConfigurationException("Conv '" + name + "' needs outChannels, kernel, stride and groups"
                        + " ≥ 1, got " + outChannels + ", " + kernel + ", " + stride + ", " + groups);
            }
            if (outChannels % groups != 0) {
                throw new ConfigurationException("Conv '" + name + "': " + outChannels
                        + " output channels do not divide into " + groups + " groups");
            }
        }

        @Override public List<String> inputs() { return List.of(input); }
        @Override public String op() { return "conv " + kernel + "×" + kernel + "/" + stride; }

        @Override
        public TensorShape outputShape(List<TensorShape> in) {
            TensorShape x = in.get(0);
            require(x.channels() % groups == 0, this, x.channels() + " input channels do not divide into "
                    + groups + " groups");
            int h = windowOutput(this, x.height(), padding.top() + padding.bottom(), kernel, stride, "height");
            int w = windowOutput(this, x.width(), padding.left() + padding.right(), kernel, stride, "width");
            return new TensorShape(outChannels, h, w);
        }

        @Override
        public Map<String, int[]> weightShapes(List<TensorShape> in) {
            Map<String, int[]> shapes = new LinkedHashMap<>();
            shapes.put(weight, new int[] {outChannels, in.get(0).channels() / groups, kernel, kernel});
            if (bias != null) {
                shapes.put(bias, new int[] {outChannels});
            }
            return shapes;
        }

        @Override
        public long multiplyAdds(List<TensorShape> in, TensorShape out) {
            return (long) out.size() * (in.get(0).channels() / groups) * kernel * kernel;
        }
    }

    /**
     * Fully connected layer over the flattened sample (C·H·W values); output
     * {@code outFeatures × 1 × 1}.
     *
     * @param weight name of the {@code [outFeatures, C·H·W]} weight
     * @param bias   name of the {@code [outFeatures]} bias, or {@code null} for none
     */
    record Dense(String name, String input, int outFeatures, String weight, String bias) implements Node {
        public Dense {
            checkOne(name, input);
            Objects.requireNonNull(weight, "weight");
            if (outFeatures < 1) {
                throw new ConfigurationException("Dense '" + name + "' needs outFeatures ≥ 1, got " + outFeatures);
            }
        }

        @Override public List<String> inputs() { return List.of(input); }
        @Override public String op() { return "dense"; }
        @Override public TensorShape outputShape(List<TensorShape> in) { return new TensorShape(outFeatures, 1, 1); }

        @Override
        public Map<String, int[]> weightShapes(List<TensorShape> in) {
            Map<String, int[]> shapes = new LinkedHashMap<>();
            shapes.put(weight, new int[] {outFeatures, in.get(0).size()});
            if (bias != null) {
                shapes.put(bias, new int[] {outFeatures});
            }
            return shapes;
        }

        @Override
        public long multiplyAdds(List<TensorShape> in, TensorShape out) {
            return (long) in.get(0).size() * outFeatures;
        }
    }

    /** max(x, 0). */
    record Relu(String name, String input) implements Node {
        public Relu { checkOne(name, input); }

        @Override public List<String> inputs() { return List.of(input); }
        @Override public String op() { return "relu"; }
        @Override public TensorShape outputShape(List<TensorShape> in) { return in.get(0); }
    }

    /** x for x ≥ 0, alpha·x below. */
    record LeakyRelu(String name, String input, float alpha) implements Node {
        public LeakyRelu {
            checkOne(name, input);
            if (!Float.isFinite(alpha)) {
                throw new ConfigurationException("LeakyRelu '" + name + "' needs a finite alpha, got " + alpha);
            }
        }

        @Override public List<String> inputs() { return List.of(input); }
        @Override public String op() { return "leaky relu"; }
        @Override public TensorShape outputShape(List<TensorShape> in) { return in.get(0); }
    }

    /**
     * min(max(x, min), max): tfjs {@code clipByValue}, ONNX {@code Clip}; relu6 is Clip 0…6
     * (MobileNet v1, Howard et al. 2017).
     */
    record Clip(String name, String input, float min, float max) implements Node {
        public Clip {
            checkOne(name, input);
            if (!Float.isFinite(min) || !Float.isFinite(max) || min > max) {
                throw new ConfigurationException("Clip '" + name + "' needs finite min ≤ max, got " + min + ", " + max);
            }
        }

        @Override public List<String> inputs() { return List.of(input); }
        @Override public String op() { return "clip"; }
        @Override public TensorShape outputShape(List<TensorShape> in) { return in.get(0); }
    }

    /** Maximum over a square window per channel; padded cells never win. */
    record MaxPool(String name, String input, int kernel, int stride, Padding padding) implements Node {
        public MaxPool {
            checkWindow("MaxPool", name, input, kernel, stride, padding);
        }

        @Override public List<String> inputs() { return List.of(input); }
        @Override public String op() { return "max pool " + kernel + "×" + kernel + "/" + stride; }

        @Override
        public TensorShape outputShape(List<TensorShape> in) {
            return pooledShape(this, in.get(0), kernel, stride, padding);
        }
    }

    /**
     * Mean over a square window per channel. Padded cells are left out of the mean
     * (TensorFlow's convention; ONNX {@code count_include_pad = 0}).
     */
    record AvgPool(String name, String input, int kernel, int stride, Padding padding) implements Node {
        public AvgPool {
            checkWindow("AvgPool", name, input, kernel, stride, padding);
        }

        @Override public List<String> inputs() { return List.of(input); }
        @Override public String op() { return "avg pool " + kernel + "×" + kernel + "/" + stride; }

        @Override
        public TensorShape outputShape(List<TensorShape> in) {
            return pooledShape(this, in.get(0), kernel, stride, padding);
        }
    }

    /**
     * L2 pooling: √(Σ x²) over a square window per channel, padded cells counting zero. The
     * FaceNet paper's Inception models pool this way in several blocks (Table 2, "L2",
     * Schroff et al. 2015, §3.3). The sum of squares is a non-negative value, so the root
     * is always real; backends that train floor it at a tiny value so that an all-zero
     * window (common after a ReLU) gets a zero gradient, not the 0·∞ of √'s derivative at 0.
     */
    record L2Pool(String name, String input, int kernel, int stride, Padding padding) implements Node {
        /**
         * The floor a training backend puts under the sum of squares before the root: its
         * root, 1e-12, is far below the float32 resolution of the values around it.
         */
        public static final float SQUARE_FLOOR = 1e-24f;

        public L2Pool {
            checkWindow("L2Pool", name, input, kernel, stride, padding);
        }

        @Override public List<String> inputs() { return List.of(input); }
        @Override public String op() { return "l2 pool " + kernel + "×" + kernel + "/" + stride; }

        @Override
        public TensorShape outputShape(List<TensorShape> in) {
            return pooledShape(this, in.get(0), kernel, stride, padding);
        }
    }

    /**
     * Local response normalisation across channels (Krizhevsky et al. 2012, §3.3; ONNX
     * {@code LRN}): y_c = x_c / (bias + alpha / size · Σ x_j²)^beta, the sum over the
     * {@code size} channels j centred on c that exist. The FaceNet paper's "rnorm" / "norm"
     * layers (Tables 1 and 2).
     *
     * @param size odd number of channels in the window
     */
    record Lrn(String name, String input, int size, float alpha, float beta, float bias) implements Node {
        public Lrn {
            checkOne(name, input);
            if (size < 1 || size % 2 == 0) {
                throw new ConfigurationException("Lrn '" + name + "' needs an odd size ≥ 1, got " + size);
            }
            if (!Float.isFinite(alpha) || alpha < 0 || !Float.isFinite(beta) || !(bias > 0) || !Float.isFinite(bias)) {
                throw new ConfigurationException("Lrn '" + name + "' needs finite alpha ≥ 0 and beta, and bias > 0, got "
                        + alpha + ", " + beta + ", " + bias);
            }
        }

        @Override public List<String> inputs() { return List.of(input); }
        @Override public String op() { return "lrn " + size; }
        @Override public TensorShape outputShape(List<TensorShape> in) { return in.get(0); }
    }

    /**
     * Maxout (Goodfellow et al. 2013): the maximum of each run of {@code pieces} consecutive
     * channels, C × H × W → C / pieces × H × W; channel j of the output is the maximum of
     * input channels j·pieces … j·pieces + pieces − 1. After a dense layer of pieces·d outputs
     * it is the FaceNet paper's "maxout p=2" fully connected layer (Table 1, fc1 and fc2).
     */
    record Maxout(String name, String input, int pieces) implements Node {
        public Maxout {
            checkOne(name, input);
            if (pieces < 1) {
                throw new ConfigurationException("Maxout '" + name + "' needs pieces ≥ 1, got " + pieces);
            }
        }

        @Override public List<String> inputs() { return List.of(input); }
        @Override public String op() { return "maxout p=" + pieces; }

        @Override
        public TensorShape outputShape(List<TensorShape> in) {
            TensorShape x = in.get(0);
            require(x.channels() % pieces == 0, this, x.channels() + " channels do not divide into runs of "
                    + pieces);
            return new TensorShape(x.channels() / pieces, x.height(), x.width());
        }
    }

    /** Element-wise sum of two inputs of the same shape (a residual connection). */
    record Add(String name, String left, String right) implements Node {
        public Add {
            checkOne(name, left);
            Objects.requireNonNull(right, () -> "right input of node '" + name + "'");
        }

        @Override public List<String> inputs() { return List.of(left, right); }
        @Override public String op() { return "add"; }

        @Override
        public TensorShape outputShape(List<TensorShape> in) {
            require(in.get(0).equals(in.get(1)), this, "shapes differ: '" + left + "' is " + in.get(0) + ", '"
                    + right + "' is " + in.get(1));
            return in.get(0);
        }
    }

    /** Concatenation along channels of inputs with the same height and width. */
    record Concat(String name, List<String> sources) implements Node {
        public Concat {
            checkName(name);
            sources = List.copyOf(sources);
            if (sources.isEmpty()) {
                throw new ConfigurationException("Concat '" + name + "' needs at least one input");
            }
        }

        @Override public List<String> inputs() { return sources; }
        @Override public String op() { return "concat"; }

        @Override
        public TensorShape outputShape(List<TensorShape> in) {
            int channels = 0;
            for (int i = 0; i < in.size(); i++) {
                TensorShape s = in.get(i);
                require(s.height() == in.get(0).height() && s.width() == in.get(0).width(), this,
                        "'" + sources.get(i) + "' is " + s + " but '" + sources.get(0) + "' is " + in.get(0));
                channels += s.channels();
            }
            return new TensorShape(channels, in.get(0).height(), in.get(0).width());
        }
    }

    /**
     * Adds zeros around the sample: {@code channelsBefore} / {@code channelsAfter} zero
     * channels, and zero rows and columns given by {@code spatial}. The dlib ResNet's
     * down-sampling shortcut widens its pooled input this way.
     */
    record ZeroPad(String name, String input, int channelsBefore, int channelsAfter, Padding spatial)
            implements Node {
        public ZeroPad {
            checkOne(name, input);
            Objects.requireNonNull(spatial, "spatial");
            if (channelsBefore < 0 || channelsAfter < 0) {
                throw new ConfigurationException("ZeroPad '" + name + "' needs channel padding ≥ 0, got "
                        + channelsBefore + ", " + channelsAfter);
            }
        }

        @Override public List<String> inputs() { return List.of(input); }
        @Override public String op() { return "zero pad"; }

        @Override
        public TensorShape outputShape(List<TensorShape> in) {
            TensorShape x = in.get(0);
            return new TensorShape(x.channels() + channelsBefore + channelsAfter,
                    x.height() + spatial.top() + spatial.bottom(), x.width() + spatial.left() + spatial.right());
        }
    }

    /** Mean of each channel over height and width; output C × 1 × 1. */
    record GlobalAvgPool(String name, String input) implements Node {
        public GlobalAvgPool { checkOne(name, input); }

        @Override public List<String> inputs() { return List.of(input); }
        @Override public String op() { return "global avg pool"; }
        @Override public TensorShape outputShape(List<TensorShape> in) { return new TensorShape(in.get(0).channels(), 1, 1); }
    }

    /**
     * Divides each sample by its L2 norm, max(‖x‖₂, epsilon), putting it on the unit
     * hypersphere (FaceNet §3.1, ‖f(x)‖₂ = 1).
     */
    record L2Normalize(String name, String input, float epsilon) implements Node {
        public L2Normalize {
            checkOne(name, input);
            if (!(epsilon > 0) || !Float.isFinite(epsilon)) {
                throw new ConfigurationException("L2Normalize '" + name + "' needs epsilon > 0, got " + epsilon);
            }
        }

        @Override public List<String> inputs() { return List.of(input); }
        @Override public String op() { return "l2 normalize"; }
        @Override public TensorShape outputShape(List<TensorShape> in) { return in.get(0); }
    }

    /**
     * Per-channel affine map y = x·weight[c] + bias[c] (dlib's "affine" / face-api's scale
     * layer, a frozen batch norm). Directly after a convolution it can be folded into the
     * convolution's weights and bias.
     *
     * @param weight name of the {@code [C]} multiplier
     * @param bias   name of the {@code [C]} offset, or {@code null} for none
     */
    record Scale(String name, String input, String weight, String bias) implements Node {
        public Scale {
            checkOne(name, input);
            Objects.requireNonNull(weight, "weight");
        }

        @Override public List<String> inputs() { return List.of(input); }
        @Override public String op() { return "scale"; }
        @Override public TensorShape outputShape(List<TensorShape> in) { return in.get(0); }

        @Override
        public Map<String, int[]> weightShapes(List<TensorShape> in) {
            Map<String, int[]> shapes = new LinkedHashMap<>();
            shapes.put(weight, new int[] {in.get(0).channels()});
            if (bias != null) {
                shapes.put(bias, new int[] {in.get(0).channels()});
            }
            return shapes;
        }

        @Override
        public long multiplyAdds(List<TensorShape> in, TensorShape out) {
            return out.size();
        }
    }
}
