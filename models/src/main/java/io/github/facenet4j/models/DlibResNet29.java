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
 * dlib's face recognition ResNet ({@code dlib_face_recognition_resnet_model_v1}: 29
 * convolutions, 150×150 RGB → 128-d; King, dlib 19.3, 99.38 % on LFW) as a graph, built
 * from the TensorFlow.js port in npm {@code @vladmandic/face-api@1.7.15} (MIT),
 * {@code model/face_recognition_model-weights_manifest.json}.
 *
 * <p>Layout, as that port computes it: a 7×7/2 "valid" stem conv (32) and 3×3/2 max pool;
 * residual blocks 32×3, then 64, 128, 256 each opened by a down-sampling block, and a last
 * 256 down-sampling block; global average pool; a 256→128 dense layer without bias. Every
 * convolution has a bias and is followed by a per-channel scale layer. A residual block is
 * relu(x + scale(conv(relu(scale(conv(x)))))); a down-sampling block's first conv is 3×3/2
 * "valid", its shortcut a 2×2/2 average pool widened with zero channels, and where the
 * convolution path comes out one smaller (8 → 3 against 4, 4 → 1 against 2) it is padded
 * with a zero row at the bottom and a zero column at the right. The graph ends with an L2
 * normalisation (FaceNet §3.1: embeddings on the unit hypersphere); face-api returns the
 * dense output unnormalised, which is node {@value #DESCRIPTOR_NODE}.
 *
 * <p>Input: NCHW RGB, preprocessed by {@link #preprocess}: (pixel − mean RGB) / 255.
 */
public final class DlibResNet29 {

    /** The architecture name model cards use. */
    public static final String ARCHITECTURE = "dlib-resnet-29";
    /** Side of the square input. */
    public static final int INPUT_SIZE = 150;
    /** Embedding dimension. */
    public static final int EMBEDDING_SIZE = 128;
    /** Mean RGB face-api subtracts before dividing by 255. */
    private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};
    /** Name of the unnormalised descriptor node (what face-api returns). */
    public static final String DESCRIPTOR_NODE = "fc";

    private final Map<String, Tensor> source;
    private final Map<String, Tensor> weights = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private int channels;
    private int size;

    private DlibResNet29(Map<String, Tensor> source) {
        this.source = source;
    }

    /**
     * The network as face-api runs it, one scale node after every convolution.
     *
     * @param tfjs the weights {@link TfjsWeights#read} returns for the manifest
     * @throws BadInputException if a weight is missing or has an unexpected shape
     */
    public static Graph graph(Map<String, Tensor> tfjs) {
        DlibResNet29 b = new DlibResNet29(tfjs);
        b.nodes.add(new Node.Input("input", new TensorShape(3, INPUT_SIZE, INPUT_SIZE)));
        b.channels = 3;
        b.size = INPUT_SIZE;
        String x = b.convScale("conv32_down", "input", 32, 7, 2, true);
        b.nodes.add(new Node.MaxPool("pool", x, 3, 2, Padding.NONE));
        b.size = (b.size - 3) / 2 + 1;
        x = "pool";
        String[][] stages = {
            {"conv32_1", "conv32_2", "conv32_3"},
            {"conv64_down", "conv64_1", "conv64_2", "conv64_3"},
            {"conv128_down", "conv128_1", "conv128_2"},
            {"conv256_down", "conv256_1", "conv256_2"},
            {"conv256_down_out"}};
        for (String[] stage : stages) {
            for (String block : stage) {
                x = block.contains("down") ? b.residualDown(block, x) : b.residual(block, x);
            }
        }
        b.nodes.add(new Node.GlobalAvgPool("mean", x));
        b.nodes.add(new Node.Dense(DESCRIPTOR_NODE, "mean", EMBEDDING_SIZE, "fc", null));
        b.weights.put("fc", transpose(b.take("fc", 256, EMBEDDING_SIZE)));
        b.nodes.add(new Node.L2Normalize("embedding", DESCRIPTOR_NODE, 1e-12f));
        if (!b.weights.keySet().equals(tfjs.keySet())) {
            List<String> unused = new ArrayList<>(tfjs.keySet());
            unused.removeAll(b.weights.keySet());
            throw new BadInputException("The face recognition manifest has weights the dlib ResNet does not use: "
                    + unused);
        }
        return new Graph(b.nodes, b.weights, "embedding");
    }

    /** {@link #graph} with every scale folded into its convolution ({@link ScaleFolding}). */
    public static Graph foldedGraph(Map<String, Tensor> tfjs) {
        return ScaleFolding.fold(graph(tfjs));
    }

    /**
     * face-api's preprocessing: (pixel − mean RGB) / 255 on an NCHW RGB batch of 0…255 values.
     *
     * @return a new array
     */
    public static float[] preprocess(float[] rgb) {
        int plane = INPUT_SIZE * INPUT_SIZE;
        if (rgb.length == 0 || rgb.length % (3 * plane) != 0) {
            throw new BadInputException("Expected whole 3×150×150 RGB images, got " + rgb.length + " values");
        }
        float[] out = new float[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            out[i] = (rgb[i] - MEAN_RGB[(i / plane) % 3]) / 255f;
        }
        return out;
    }

    private String residual(String block, String x) {
        String a = convScale(block + "/conv1", x, channels, 3, 1, true);
        String c = convScale(block + "/conv2", a, channels, 3, 1, false);
        nodes.add(new Node.Add(block + "/add", c, x));
        nodes.add(new Node.Relu(block + "/relu", block + "/add"));
        return block + "/relu";
    }

    private String residualDown(String block, String x) {
        int in = channels;
        int inSize = size;
        int out = source.containsKey(block + "/conv1/conv/filters")
                ? source.get(block + "/conv1/conv/filters").shape()[3] : in;
        String a = convScale(block + "/conv1", x, out, 3, 2, true);
        String c = convScale(block + "/conv2", a, out, 3, 1, false);
        int pooled = (inSize - 2) / 2 + 1;
        if (size != pooled) {
            int extra = pooled - size;
            nodes.add(new Node.ZeroPad(block + "/pad", c, 0, 0, new Padding(0, 0, extra, extra)));
            c = block + "/pad";
            size = pooled;
        }
        nodes.add(new Node.AvgPool(block + "/pool", x, 2, 2, Padding.NONE));
        String shortcut = block + "/pool";
        if (out != in) {
            nodes.add(new Node.ZeroPad(block + "/widen", shortcut, 0, out - in, Padding.NONE));
            shortcut = block + "/widen";
        }
        nodes.add(new Node.Add(block + "/add", c, shortcut));
        nodes.add(new Node.Relu(block + "/relu", block + "/add"));
        return block + "/relu";
    }

    /** conv (+bias) → scale → optional relu; "valid" padding when strided, "same" otherwise. */
    private String convScale(String prefix, String x, int out, int k, int stride, boolean relu) {
        String conv = prefix + "/conv";
        Padding pad = stride == 1 ? Padding.same(size, size, k, 1) : Padding.NONE;
        nodes.add(new Node.Conv2d(conv, x, out, k, stride, pad, 1, conv + "/filters", conv + "/bias"));
        weights.put(conv + "/filters", hwioToOihw(take(conv + "/filters", k, k, channels, out)));
        weights.put(conv + "/bias", take(conv + "/bias", out));
        String scale = prefix + "/scale";
        nodes.add(new Node.Scale(scale, conv, scale + "/weights", scale + "/biases"));
        weights.put(scale + "/weights", take(scale + "/weights", out));
        weights.put(scale + "/biases", take(scale + "/biases", out));
        channels = out;
        size = (size + pad.top() + pad.bottom() - k) / stride + 1;
        if (!relu) {
            return scale;
        }
        nodes.add(new Node.Relu(prefix + "/relu", scale));
        return prefix + "/relu";
    }

    private Tensor take(String name, int... shape) {
        Tensor t = source.get(name);
        if (t == null) {
            throw new BadInputException("The face recognition manifest has no weight '" + name + "'");
        }
        if (!t.hasShape(shape)) {
            throw new BadInputException("Weight '" + name + "' should have shape " + Arrays.toString(shape)
                    + ", got " + Arrays.toString(t.shape()));
        }
        return t;
    }

    /** tfjs filters [kh, kw, in, out] → ONNX order [out, in, kh, kw]. */
    static Tensor hwioToOihw(Tensor t) {
        int[] s = t.shape();
        int kh = s[0];
        int kw = s[1];
        int in = s[2];
        int out = s[3];
        float[] v = t.values();
        float[] r = new float[v.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        r[((o * in + i) * kh + y) * kw + x] = v[((y * kw + x) * in + i) * out + o];
                    }
                }
            }
        }
        return new Tensor(new int[] {out, in, kh, kw}, r);
    }

    /** tfjs dense kernel [in, out] → [out, in]. */
    static Tensor transpose(Tensor t) {
        int[] s = t.shape();
        float[] v = t.values();
        float[] r = new float[v.length];
        for (int i = 0; i < s[0]; i++) {
            for (int o = 0; o < s[1]; o++) {
                r[o * s[0] + i] = v[i * s[1] + o];
            }
        }
        return new Tensor(new int[] {s[1], s[0]}, r);
    }
}
