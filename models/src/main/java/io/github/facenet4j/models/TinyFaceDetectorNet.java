package io.github.facenet4j.models;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
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
 * face-api's Tiny Face Detector (a YOLO v2 with depthwise-separable convolutions, one class)
 * as a graph, built from npm {@code @vladmandic/face-api@1.7.15} (MIT),
 * {@code model/tiny_face_detector_model-weights_manifest.json}.
 *
 * <p>Layout, as {@code src/tinyYolov2/TinyYolov2Base.ts} ({@code runMobilenet}) computes it
 * for the configuration of {@code src/tinyFaceDetector/TinyFaceDetector.ts} (first layer a
 * plain conv, filter sizes 3, 16, 32, 64, 128, 256, 512, so no conv6 / conv7):
 * <ol>
 * <li>conv0: 3×3 conv, 16 channels, "valid" (no padding: a {@code s}-pixel input comes out
 *     {@code s − 2}), bias, leaky ReLU;</li>
 * <li>conv1 … conv5: each a 2×2/2 max pool ("same") and then a separable conv
 *     ({@code src/tinyYolov2/depthwiseSeparableConv.ts}): one zero pixel of padding all round,
 *     a 3×3 depthwise conv without bias, a 1×1 pointwise conv with bias, leaky ReLU;</li>
 * <li>a 2×2/1 max pool, "same" (one padded row at the bottom and column at the right);</li>
 * <li>conv8: a 1×1 conv with bias to {@value #CHANNELS} channels, no activation.</li>
 * </ol>
 * The leaky ReLU of {@code src/tinyYolov2/leaky.ts} is relu(x − 0.1x) + 0.1x, that is slope
 * {@value #LEAKY_ALPHA} below zero. There is no batch norm to fold: the separable model
 * stores each layer's bias after it has been folded in. An input of side {@code s} (a
 * multiple of 32) gives an {@code s/32 × s/32} grid: s − 2, then ⌈·/2⌉ five times.
 *
 * <p>Output channel {@code a·5 + k} of grid cell (row, col) is value {@code k} of anchor
 * {@code a}: x and y offset, width and height log-scale, objectness logit (face-api reshapes
 * its NHWC output to {@code [cells, cells, 5, 5]}).
 *
 * <p>Input: NCHW RGB, (pixel − {@link #meanRgb()}) / 255; preprocessing is left to the caller.
 */
public final class TinyFaceDetectorNet {

    /** face-api's default input size ({@code src/tinyYolov2/TinyYolov2Options.ts}). */
    public static final int FACE_API_INPUT_SIZE = 416;
    /**
     * facenet4j's default input size: on face-api's six group photos it found 21 of the 22
     * faces with no false box, where 416 found 19 plus one false box and 608 found 20.
     */
    public static final int DEFAULT_INPUT_SIZE = 512;
    /** Input sides must be multiples of this (the network's total stride). */
    public static final int STRIDE = 32;
    /** Mean RGB face-api subtracts before dividing by 255 ({@code src/tinyFaceDetector/const.ts}). */
    private static final float[] MEAN_RGB = {117.001f, 114.697f, 97.404f};

    /**
     * An anchor box: the size, in grid cells, that a prediction's exp-encoded width and
     * height scale.
     */
    public record Anchor(double width, double height) {
    }

    /**
     * The five anchors in the order of the output channels ({@code BOX_ANCHORS} of
     * {@code src/tinyFaceDetector/const.ts}).
     */
    public static final List<Anchor> ANCHORS = List.of(
            new Anchor(1.603231, 2.094468),
            new Anchor(6.041143, 7.080126),
            new Anchor(2.882459, 3.518061),
            new Anchor(4.266906, 5.178857),
            new Anchor(9.041765, 10.66308));
    /** Values per anchor: x, y, width, height, objectness. */
    public static final int BOX_ENCODING = 5;
    /** Output channels: {@value #BOX_ENCODING} values for each of the five anchors. */
    public static final int CHANNELS = 25;
    /** Slope of the leaky ReLU below zero ({@code src/tinyYolov2/leaky.ts}). */
    public static final float LEAKY_ALPHA = 0.1f;
    /** Name of the output node. */
    public static final String OUTPUT = "conv8";

    private static final int[] SEPARABLE_OUT = {32, 64, 128, 256, 512};

    private final Map<String, Tensor> source;
    private final Map<String, Tensor> weights = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private int channels = 3;
    private int size;

    /** The mean R, G, B (0…255) to subtract before dividing by 255; a copy. */
    public static float[] meanRgb() {
        return MEAN_RGB.clone();
    }

    private TinyFaceDetectorNet(Map<String, Tensor> source, int inputSize) {
        this.source = source;
        this.size = inputSize;
    }

    /**
     * Grid cells per side for an input side: {@code inputSize / 32}.
     *
     * @throws ConfigurationException unless the size is a positive multiple of 32
     */
    public static int gridSize(int inputSize) {
        checkInputSize(inputSize);
        return inputSize / STRIDE;
    }

    /**
     * The network for square inputs of side {@code inputSize}.
     *
     * @param tfjs      the weights {@link TfjsWeights#read} returns for the manifest
     * @param inputSize a positive multiple of 32; larger finds smaller faces (face-api: 416)
     * @throws ConfigurationException if the input size is not a positive multiple of 32
     * @throws BadInputException      if a weight is missing, has an unexpected shape, or is left over
     */
    public static Graph graph(Map<String, Tensor> tfjs, int inputSize) {
        checkInputSize(inputSize);
        TinyFaceDetectorNet b = new TinyFaceDetectorNet(tfjs, inputSize);
        b.nodes.add(new Node.Input("input", new TensorShape(3, inputSize, inputSize)));
        String x = b.conv("conv0", "input", 16, 3, Padding.NONE, "conv0/filters", "conv0/bias");
        x = b.leaky("conv0", x);
        for (int i = 1; i <= SEPARABLE_OUT.length; i++) {
            x = b.pool("pool" + i, x, 2);
            x = b.separable("conv" + i, x, SEPARABLE_OUT[i - 1]);
        }
        x = b.pool("pool6", x, 1);
        b.conv(OUTPUT, x, CHANNELS, 1, Padding.NONE, "conv8/filters", "conv8/bias");
        if (!b.weights.keySet().equals(tfjs.keySet())) {
            List<String> unused = new ArrayList<>(tfjs.keySet());
            unused.removeAll(b.weights.keySet());
            throw new BadInputException("The tiny face detector manifest has weights the network does not use: "
                    + unused);
        }
        return new Graph(b.nodes, b.weights, OUTPUT);
    }

    private static void checkInputSize(int inputSize) {
        if (inputSize < STRIDE || inputSize % STRIDE != 0) {
            throw new ConfigurationException("Tiny face detector input size must be a positive multiple of " + STRIDE
                    + " (face-api's default " + FACE_API_INPUT_SIZE + "), got " + inputSize);
        }
    }

    /** Separable conv: pad 1, depthwise 3×3 (no bias), pointwise 1×1 with bias, leaky ReLU. */
    private String separable(String prefix, String x, int out) {
        int in = channels;
        String dw = prefix + "/depthwise";
        nodes.add(new Node.Conv2d(dw, x, in, 3, 1, Padding.of(1), in, prefix + "/depthwise_filter", null));
        // tfjs depthwise filters [3, 3, in, 1] → [in, 1, 3, 3] (one filter per group).
        weights.put(prefix + "/depthwise_filter",
                DlibResNet29.hwioToOihw(take(prefix + "/depthwise_filter", 3, 3, in, 1).reshape(3, 3, 1, in)));
        String pw = conv(prefix + "/pointwise", dw, out, 1, Padding.NONE, prefix + "/pointwise_filter",
                prefix + "/bias");
        return leaky(prefix, pw);
    }

    /** A convolution (one group) from tfjs filters {@code [k, k, in, out]}. */
    private String conv(String name, String x, int out, int k, Padding pad, String filters, String bias) {
        nodes.add(new Node.Conv2d(name, x, out, k, 1, pad, 1, filters, bias));
        weights.put(filters, DlibResNet29.hwioToOihw(take(filters, k, k, channels, out)));
        weights.put(bias, take(bias, out));
        channels = out;
        size = size + pad.top() + pad.bottom() - k + 1;
        return name;
    }

    private String leaky(String prefix, String x) {
        String name = prefix + "/leaky";
        nodes.add(new Node.LeakyRelu(name, x, LEAKY_ALPHA));
        return name;
    }

    /** tfjs {@code maxPool(x, [2, 2], [stride, stride], 'same')}. */
    private String pool(String name, String x, int stride) {
        Padding pad = Padding.same(size, size, 2, stride);
        nodes.add(new Node.MaxPool(name, x, 2, stride, pad));
        size = (size + pad.top() + pad.bottom() - 2) / stride + 1;
        return name;
    }

    private Tensor take(String name, int... shape) {
        Tensor t = source.get(name);
        if (t == null) {
            throw new BadInputException("The tiny face detector manifest has no weight '" + name + "'");
        }
        if (!t.hasShape(shape)) {
            throw new BadInputException("Weight '" + name + "' should have shape " + Arrays.toString(shape)
                    + ", got " + Arrays.toString(t.shape()));
        }
        return t;
    }
}
