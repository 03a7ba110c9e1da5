package io.github.facenet4j.models;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Padding;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * face-api's 68-point face landmark net (the full one, {@code face_landmark_68_model}; not the
 * tiny one) as a graph, built from npm {@code @vladmandic/face-api@1.7.15} (MIT),
 * {@code model/face_landmark_68_model-weights_manifest.json}.
 *
 * <p>Layout, as face-api's sources compute it ({@code src/faceFeatureExtractor/FaceFeatureExtractor.ts},
 * {@code denseBlock.ts}, {@code src/common/depthwiseSeparableConv.ts},
 * {@code src/faceProcessor/FaceProcessor.ts}): 112×112 RGB in; four dense blocks
 * {@code dense0…dense3} of 32, 64, 128 and 256 channels, each halving the side (112 → 56 → 28
 * → 14 → 7); a 7×7/2 "valid" average pool to 256×1×1; a 256 → 136 fully connected layer with
 * bias. A dense block is
 * <pre>
 *   out1 = relu(conv0(x))                       3×3/2, "same"
 *   out2 = conv1(out1)
 *   out3 = conv2(relu(out1 + out2))
 *   out4 = conv3(relu(out1 + (out2 + out3)))
 *   y    = relu(out1 + (out2 + (out3 + out4)))
 * </pre>
 * where {@code conv1…conv3} are depthwise separable (3×3 depthwise, no bias, then 1×1
 * pointwise with bias; stride 1, "same"), and {@code conv0} is a plain 3×3 convolution with
 * bias in {@code dense0} and a separable one with a strided depthwise step in the others. A
 * separable convolution is two {@link Node.Conv2d}s here, the depthwise one with
 * {@code groups} = channels. The sums keep face-api's nesting.
 *
 * <p>The 136 outputs are x0, y0, x1, y1, … of the 68 points, relative to the 112×112 input
 * (0…1 across it); mapping them back to the image is the caller's (face-api's
 * {@code FaceLandmark68NetBase.postProcess}).
 *
 * <p>Input: NCHW RGB, preprocessed by {@link #preprocess}: (pixel − mean RGB) / 255.
 */
public final class FaceLandmark68Net {

    /** Side of the square input. */
    public static final int INPUT_SIZE = 112;
    /** Number of landmarks. */
    public static final int POINTS = 68;
    /** Outputs: x and y of each landmark, interleaved. */
    public static final int OUTPUT_SIZE = 2 * POINTS;
    /** Mean RGB face-api subtracts before dividing by 255 ({@code FaceFeatureExtractor.forwardInput}). */
    private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};
    private static final int[] BLOCK_CHANNELS = {32, 64, 128, 256};

    private final Map<String, Tensor> source;
    private final Map<String, Tensor> weights = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private int channels = 3;
    private int size = INPUT_SIZE;

    private FaceLandmark68Net(Map<String, Tensor> source) {
        this.source = source;
    }

    /**
     * The network as face-api runs it.
     *
     * @param tfjs the weights {@link TfjsWeights#read} returns for the manifest
     * @throws BadInputException if a weight is missing, has an unexpected shape, or is not used
     */
    public static Graph graph(Map<String, Tensor> tfjs) {
        FaceLandmark68Net b = new FaceLandmark68Net(tfjs);
        b.nodes.add(new Node.Input("input", new TensorShape(3, INPUT_SIZE, INPUT_SIZE)));
        String x = "input";
        for (int i = 0; i < BLOCK_CHANNELS.length; i++) {
            x = b.denseBlock("dense" + i, x, BLOCK_CHANNELS[i], i == 0);
        }
        b.nodes.add(new Node.AvgPool("pool", x, 7, 2, Padding.NONE));
        int features = b.channels;
        b.nodes.add(new Node.Dense("fc", "pool", OUTPUT_SIZE, "fc/weights", "fc/bias"));
        b.weights.put("fc/weights", DlibResNet29.transpose(b.take("fc/weights", features, OUTPUT_SIZE)));
        b.weights.put("fc/bias", b.take("fc/bias", OUTPUT_SIZE));
        if (!b.weights.keySet().equals(tfjs.keySet())) {
            List<String> unused = new ArrayList<>(tfjs.keySet());
            unused.removeAll(b.weights.keySet());
            throw new BadInputException("The face landmark manifest has weights the 68-point net does not use: "
                    + unused);
        }
        return new Graph(b.nodes, b.weights, "fc");
    }

    /**
     * face-api's preprocessing: (pixel − mean RGB) / 255 on an NCHW RGB batch of 0…255 values
     * (112×112 images).
     *
     * @return a new array
     */
    public static float[] preprocess(float[] rgb) {
        int plane = INPUT_SIZE * INPUT_SIZE;
        if (rgb.length == 0 || rgb.length % (3 * plane) != 0) {
            throw new BadInputException("Expected whole 3×112×112 RGB images, got " + rgb.length + " values");
        }
        float[] out = new float[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            out[i] = (rgb[i] - MEAN_RGB[(i / plane) % 3]) / 255f;
        }
        return out;
    }

    private String denseBlock(String block, String x, int out, boolean first) {
        String conv0 = first ? conv(block + "/conv0", x, out) : separable(block + "/conv0", x, out, 2);
        nodes.add(new Node.Relu(block + "/out1", conv0));
        String out1 = block + "/out1";
        String out2 = separable(block + "/conv1", out1, out, 1);
        String in3 = reluOfSum(block + "/in3", out1, out2);
        String out3 = separable(block + "/conv2", in3, out, 1);
        String in4 = reluOfSum(block + "/in4", out1, add(block + "/out2+out3", out2, out3));
        String out4 = separable(block + "/conv3", in4, out, 1);
        String inner = add(block + "/out3+out4", out3, out4);
        return reluOfSum(block + "/out", out1, add(block + "/out2+out3+out4", out2, inner));
    }

    private String add(String name, String left, String right) {
        nodes.add(new Node.Add(name, left, right));
        return name;
    }

    private String reluOfSum(String name, String left, String right) {
        String sum = add(name + "/sum", left, right);
        nodes.add(new Node.Relu(name, sum));
        return name;
    }

    /** A plain 3×3/2 "same" convolution with bias (dense0's conv0). */
    private String conv(String prefix, String x, int out) {
        Padding pad = Padding.same(size, size, 3, 2);
        nodes.add(new Node.Conv2d(prefix, x, out, 3, 2, pad, 1, prefix + "/filters", prefix + "/bias"));
        weights.put(prefix + "/filters", DlibResNet29.hwioToOihw(take(prefix + "/filters", 3, 3, channels, out)));
        weights.put(prefix + "/bias", take(prefix + "/bias", out));
        channels = out;
        size = (size + pad.top() + pad.bottom() - 3) / 2 + 1;
        return prefix;
    }

    /**
     * tf.separableConv2d(x, depthwise, pointwise, stride, "same") + bias: a 3×3 depthwise
     * convolution carrying the stride, then a 1×1 pointwise one with the bias.
     */
    private String separable(String prefix, String x, int out, int stride) {
        Padding pad = Padding.same(size, size, 3, stride);
        String depthwise = prefix + "/depthwise";
        nodes.add(new Node.Conv2d(depthwise, x, channels, 3, stride, pad, channels, prefix + "/depthwise_filter",
                null));
        // tfjs [3, 3, C, 1] → [1, C, 3, 3] by the filter reordering, whose values are already in
        // the [C, 1, 3, 3] order of a grouped convolution's weight.
        weights.put(prefix + "/depthwise_filter", DlibResNet29.hwioToOihw(
                take(prefix + "/depthwise_filter", 3, 3, channels, 1)).reshape(channels, 1, 3, 3));
        size = (size + pad.top() + pad.bottom() - 3) / stride + 1;
        nodes.add(new Node.Conv2d(prefix, depthwise, out, 1, 1, Padding.NONE, 1, prefix + "/pointwise_filter",
                prefix + "/bias"));
        weights.put(prefix + "/pointwise_filter",
                DlibResNet29.hwioToOihw(take(prefix + "/pointwise_filter", 1, 1, channels, out)));
        weights.put(prefix + "/bias", take(prefix + "/bias", out));
        channels = out;
        return prefix;
    }

    private Tensor take(String name, int... shape) {
        Tensor t = source.get(name);
        if (t == null) {
            throw new BadInputException("The face landmark manifest has no weight '" + name + "'");
        }
        if (!t.hasShape(shape)) {
            throw new BadInputException("Weight '" + name + "' should have shape " + Arrays.toString(shape)
                    + ", got " + Arrays.toString(t.shape()));
        }
        return t;
    }
}
