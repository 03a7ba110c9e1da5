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
import java.util.Set;

/**
 * face-api's SSD MobileNet v1 face detector as a graph, built from npm
 * {@code @vladmandic/face-api@1.7.15} (MIT), {@code model/ssd_mobilenetv1_model-weights_manifest.json}.
 *
 * <p>Layout, as {@code src/ssdMobilenetv1/} of the package computes it (SSD: Liu et al., ECCV
 * 2016; MobileNet v1: Howard et al., 2017):
 * <ol>
 * <li>backbone ({@code mobileNetV1.ts}): conv_0, a 3×3/2 "same" conv to 32 channels with bias
 *     and relu6; conv_1 … conv_13, each a 3×3 depthwise conv ("same", stride 2 at 2, 4, 6 and 12)
 *     with a frozen batch norm (ε = 0.001, written as a {@link Node.Scale} that
 *     {@link ScaleFolding} folds into the conv) and relu6, then a 1×1 conv with bias and relu6
 *     ({@code pointwiseConvLayer.ts}); 512 → 256 → 32 (conv_11, 512 channels) → 16 (conv_13,
 *     1024 channels);</li>
 * <li>extra layers ({@code predictionLayer.ts}): four pairs of a 1×1 conv and a 3×3/2 conv,
 *     each with bias and relu6: 16 → 8 → 4 → 2 → 1;</li>
 * <li>six box predictors ({@code boxPredictionLayer.ts}), 1×1 convs with bias and no
 *     activation, on conv_11 (32², 3 anchors per cell), conv_13 (16², 6) and the extra
 *     layers' strided outputs (8², 4², 2², 1², 6 each): 5118 anchors in all.</li>
 * </ol>
 * relu6 is a {@link Node.Clip} 0…6: written as relu(x) − relu(x − 6) with relu, scale and add
 * nodes instead, detection took 5 times as long on ONNX Runtime (ms per photo in
 * docs/BENCHMARKS.md), its many element-wise passes unfused.
 *
 * <p>Output: the six predictors' channels side by side, each map zero-padded bottom/right to
 * 32 × 32, so one {@value #OUTPUT_CHANNELS} × 32 × 32 tensor; {@link #HEADS} gives each
 * predictor's channel offset, side and anchors per cell. Within a predictor of A anchors,
 * channel {@code 4a + k} of cell (row, col) is box encoding k (ty, tx, th, tw) of anchor a and
 * channel {@code 4A + 3a + c} the logit of class c (class 1 is "face"). The anchor of that
 * prediction is number {@code first + (row·side + col)·A + a} of {@link #anchors} (face-api
 * reshapes each NHWC map to {@code [-1, 4]} and concatenates the predictors in order).
 *
 * <p>Input: NCHW RGB 512 × 512, pixel / 127.5 − 1; preprocessing is left to the caller.
 */
public final class SsdMobilenetV1Net {

    /** The input side: face-api always resizes to 512 ({@code SsdMobilenetv1.forwardInput}). */
    public static final int INPUT_SIZE = 512;
    /** The side every predictor's map is padded to (conv_11's). */
    public static final int GRID = 32;
    /** Anchors over all predictors. */
    public static final int ANCHORS = 5118;
    /** Classes per anchor: background, face, and an unused third. */
    public static final int CLASSES = 3;
    /** Name of the output node. */
    public static final String OUTPUT = "predictions";
    /** The batch-norm epsilon of {@code mobileNetV1.ts}. */
    static final float BATCH_NORM_EPSILON = 0.0010000000474974513f;

    /**
     * One box predictor in the output.
     *
     * @param channel     its first output channel
     * @param side        its feature map's side (≤ {@value #GRID})
     * @param anchors     anchors per cell
     * @param firstAnchor index of its first anchor in {@link #anchors}
     */
    public record Head(int channel, int side, int anchors, int firstAnchor) {
        /** Output channels of this predictor: 4 box encodings and 3 class logits per anchor. */
        public int channels() {
            return anchors * (4 + CLASSES);
        }
    }

    /** The six predictors in output order. */
    public static final List<Head> HEADS = heads();
    /** Output channels: 21 of the first predictor and 42 of each other. */
    public static final int OUTPUT_CHANNELS = 231;

    private static final int[] POINTWISE_OUT = {64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024, 1024};
    private static final Set<Integer> STRIDE_2 = Set.of(2, 4, 6, 12);
    private static final int[] EXTRA_OUT = {256, 512, 128, 256, 128, 256, 64, 128};
    /** Weights in the manifest that the graph does not read: the exporter's constants. */
    private static final String ANCHORS_WEIGHT = "Output/extra_dim";

    private final Map<String, Tensor> source;
    private final Map<String, Tensor> weights = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private int channels = 3;
    private int size = INPUT_SIZE;

    private SsdMobilenetV1Net(Map<String, Tensor> source) {
        this.source = source;
    }

    private static List<Head> heads() {
        int[] sides = {32, 16, 8, 4, 2, 1};
        List<Head> heads = new ArrayList<>();
        int channel = 0;
        int anchor = 0;
        for (int i = 0; i < sides.length; i++) {
            Head h = new Head(channel, sides[i], i == 0 ? 3 : 6, anchor);
            heads.add(h);
            channel += h.channels();
            anchor += sides[i] * sides[i] * h.anchors();
        }
        return List.copyOf(heads);
    }

    /**
     * The network, its batch norms folded.
     *
     * @param tfjs the weights {@link TfjsWeights#read} returns for the manifest
     * @throws BadInputException if a weight the network needs is missing or has an unexpected shape
     */
    public static Graph graph(Map<String, Tensor> tfjs) {
        SsdMobilenetV1Net b = new SsdMobilenetV1Net(tfjs);
        b.nodes.add(new Node.Input("input", new TensorShape(3, INPUT_SIZE, INPUT_SIZE)));
        String x = b.conv("MobilenetV1/Conv2d_0_pointwise", "input", 32, 3, 2, true);
        String conv11 = null;
        for (int i = 1; i <= POINTWISE_OUT.length; i++) {
            x = b.depthwise("MobilenetV1/Conv2d_" + i + "_depthwise", x, STRIDE_2.contains(i) ? 2 : 1);
            x = b.conv("MobilenetV1/Conv2d_" + i + "_pointwise", x, POINTWISE_OUT[i - 1], 1, 1, true);
            if (i == 11) {
                conv11 = x;
            }
        }
        String conv13 = x;
        List<String> features = new ArrayList<>(List.of(conv11, conv13));
        int[] featureChannels = {512, 1024, 0, 0, 0, 0};
        int[] featureSides = {32, 16, 0, 0, 0, 0};
        for (int i = 0; i < EXTRA_OUT.length; i++) {
            boolean strided = i % 2 == 1;
            x = b.conv("Prediction/Conv2d_" + i + "_pointwise", x, EXTRA_OUT[i], strided ? 3 : 1, strided ? 2 : 1,
                    true);
            if (strided) {
                featureChannels[features.size()] = b.channels;
                featureSides[features.size()] = b.size;
                features.add(x);
            }
        }
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < HEADS.size(); i++) {
            outputs.add(b.predictor(i, features.get(i), featureChannels[i], featureSides[i]));
        }
        b.nodes.add(new Node.Concat(OUTPUT, outputs));
        return ScaleFolding.fold(new Graph(b.nodes, b.weights, OUTPUT));
    }

    /**
     * The 5118 anchors ({@code Output/extra_dim} of the manifest, which face-api's
     * {@code outputLayer.ts} decodes against): per anchor ymin, xmin, ymax, xmax relative to the
     * input square, {@code [5118 × 4]} row-major.
     *
     * @throws BadInputException if the manifest has no anchors of that shape
     */
    public static float[] anchors(Map<String, Tensor> tfjs) {
        return new SsdMobilenetV1Net(tfjs).take(ANCHORS_WEIGHT, 1, ANCHORS, 4).values().clone();
    }

    /** A box predictor: one 1×1 conv for box encodings and class logits, padded to the grid. */
    private String predictor(int index, String x, int in, int side) {
        Head head = HEADS.get(index);
        String prefix = "Prediction/BoxPredictor_" + index;
        Tensor box = take(prefix + "/BoxEncodingPredictor/weights", 1, 1, in, 4 * head.anchors());
        Tensor cls = take(prefix + "/ClassPredictor/weights", 1, 1, in, CLASSES * head.anchors());
        Tensor boxBias = take(prefix + "/BoxEncodingPredictor/biases", 4 * head.anchors());
        Tensor clsBias = take(prefix + "/ClassPredictor/biases", CLASSES * head.anchors());
        int out = head.channels();
        float[] w = new float[out * in];
        float[] bias = new float[out];
        // tfjs [1, 1, in, out]: value (i, o) at i·out + o; ours [out, in, 1, 1].
        for (int o = 0; o < out; o++) {
            boolean isBox = o < box.shape()[3];
            Tensor t = isBox ? box : cls;
            int to = isBox ? o : o - box.shape()[3];
            int width = t.shape()[3];
            for (int i = 0; i < in; i++) {
                w[o * in + i] = t.get(i * width + to);
            }
            bias[o] = isBox ? boxBias.get(o) : clsBias.get(to);
        }
        String name = prefix + "/predictor";
        nodes.add(new Node.Conv2d(name, x, out, 1, 1, Padding.NONE, 1, name + "/weights", name + "/bias"));
        weights.put(name + "/weights", new Tensor(new int[] {out, in, 1, 1}, w));
        weights.put(name + "/bias", new Tensor(new int[] {out}, bias));
        if (side == GRID) {
            return name;
        }
        String padded = prefix + "/padded";
        nodes.add(new Node.ZeroPad(padded, name, 0, 0, new Padding(0, 0, GRID - side, GRID - side)));
        return padded;
    }

    /** tfjs conv2d "same" with bias ({@code convolution_bn_offset}), then relu6. */
    private String conv(String prefix, String x, int out, int k, int stride, boolean relu6) {
        Padding pad = Padding.same(size, size, k, stride);
        String name = prefix + "/conv";
        nodes.add(new Node.Conv2d(name, x, out, k, stride, pad, 1, prefix + "/weights",
                prefix + "/convolution_bn_offset"));
        weights.put(prefix + "/weights", DlibResNet29.hwioToOihw(take(prefix + "/weights", k, k, channels, out)));
        weights.put(prefix + "/convolution_bn_offset", take(prefix + "/convolution_bn_offset", out));
        channels = out;
        size = (size + pad.top() + pad.bottom() - k) / stride + 1;
        return relu6 ? relu6(prefix, name) : name;
    }

    /** tfjs depthwiseConv2d "same" without bias, batch norm, relu6. */
    private String depthwise(String prefix, String x, int stride) {
        int c = channels;
        Padding pad = Padding.same(size, size, 3, stride);
        String name = prefix + "/conv";
        nodes.add(new Node.Conv2d(name, x, c, 3, stride, pad, c, prefix + "/depthwise_weights", null));
        // tfjs depthwise filters [3, 3, c, 1] → [c, 1, 3, 3] (one filter per group).
        weights.put(prefix + "/depthwise_weights",
                DlibResNet29.hwioToOihw(take(prefix + "/depthwise_weights", 3, 3, c, 1).reshape(3, 3, 1, c)));
        size = (size + pad.top() + pad.bottom() - 3) / stride + 1;
        // (x − mean)·gamma/√(var + ε) + beta as x·s + (beta − mean·s), in float as tfjs.
        float[] gamma = take(prefix + "/BatchNorm/gamma", c).values();
        float[] beta = take(prefix + "/BatchNorm/beta", c).values();
        float[] mean = take(prefix + "/BatchNorm/moving_mean", c).values();
        float[] variance = take(prefix + "/BatchNorm/moving_variance", c).values();
        float[] s = new float[c];
        float[] offset = new float[c];
        for (int i = 0; i < c; i++) {
            s[i] = (float) (gamma[i] / Math.sqrt(variance[i] + BATCH_NORM_EPSILON));
            offset[i] = beta[i] - mean[i] * s[i];
        }
        String bn = prefix + "/BatchNorm";
        nodes.add(new Node.Scale(bn, name, bn + "/scale", bn + "/offset"));
        weights.put(bn + "/scale", new Tensor(new int[] {c}, s));
        weights.put(bn + "/offset", new Tensor(new int[] {c}, offset));
        return relu6(prefix, bn);
    }

    /** relu6: tfjs {@code clipByValue(x, 0, 6)}. */
    private String relu6(String prefix, String x) {
        String out = prefix + "/relu6";
        nodes.add(new Node.Clip(out, x, 0, 6));
        return out;
    }

    private Tensor take(String name, int... shape) {
        Tensor t = source.get(name);
        if (t == null) {
            throw new BadInputException("The SSD MobileNet v1 manifest has no weight '" + name + "'");
        }
        if (!t.hasShape(shape)) {
            throw new BadInputException("Weight '" + name + "' should have shape " + Arrays.toString(shape)
                    + ", got " + Arrays.toString(t.shape()));
        }
        return t;
    }
}
