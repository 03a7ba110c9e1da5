package io.github.facenet4j.models;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Padding;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code small-cnn}: a small convolutional embedder for 28×28 grey images (MNIST,
 * Fashion-MNIST), to train with the triplet loss on a CPU in minutes.
 *
 * <pre>
 *   conv 3×3 C→32 'same' + ReLU → max pool 2×2/2
 *   conv 3×3 32→64 'same' + ReLU → max pool 2×2/2
 *   conv 3×3 64→128 'same' + ReLU
 *   global average pool → dense 128→d → L2 normalise
 * </pre>
 *
 * For a 1×28×28 input and d = 64 that is 100,928 parameters and 7,459,328 multiply-adds
 * per image (320 + 18,496 + 73,856 + 8,256 parameters; 225,792 + 3,612,672 + 3,612,672 +
 * 8,192 multiply-adds). Like FaceNet's networks it ends on the unit hypersphere
 * (Schroff et al. 2015, §3.1, ‖f(x)‖₂ = 1), so that squared distances lie in [0, 4].
 *
 * <p>Weights are He-normal (He et al. 2015, "Delving deep into rectifiers", §2.2): each
 * weight is drawn from N(0, 2 / fan-in), fan-in = input channels × k × k for a convolution
 * and input features for the dense layer; biases start at zero. Every tensor has its own
 * random stream derived from the seed and the tensor's name, and normal values come from
 * the Box–Muller transform written out here, so a seed gives the same weights on every JVM.
 */
public final class SmallCnn implements Architecture {

    /** The architecture's name. */
    public static final String NAME = "small-cnn";
    /** Default embedding dimension. */
    public static final int DEFAULT_DIMENSION = 64;
    /** Fashion-MNIST's shape: one channel, 28×28. */
    public static final TensorShape DEFAULT_INPUT = new TensorShape(1, 28, 28);
    /** Name of the output node. */
    public static final String OUTPUT = "embedding";

    private static final int[] WIDTHS = {32, 64, 128};

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "3 conv layers (32, 64, 128) with ReLU and max pooling, global average pool, dense, L2 norm";
    }

    @Override
    public TensorShape defaultInput() {
        return DEFAULT_INPUT;
    }

    @Override
    public int defaultDimension() {
        return DEFAULT_DIMENSION;
    }

    /** The graph for 1×28×28 input and 64-d embeddings. */
    public static Graph graph(long seed) {
        return build(DEFAULT_INPUT, DEFAULT_DIMENSION, seed);
    }

    @Override
    public Graph initialise(TensorShape input, int dimension, long seed) {
        return build(input, dimension, seed);
    }

    /** See {@link #initialise}. */
    public static Graph build(TensorShape input, int dimension, long seed) {
        if (dimension < 1) {
            throw new ConfigurationException(NAME + ": embedding dimension must be ≥ 1, got " + dimension);
        }
        if (input.height() < 4 || input.width() < 4) {
            throw new ConfigurationException(NAME + ": input must be at least 4×4 (two 2×2 poolings), got " + input);
        }
        List<Node> nodes = new ArrayList<>();
        Map<String, Tensor> weights = new LinkedHashMap<>();
        nodes.add(new Node.Input("input", input));
        String x = "input";
        int channels = input.channels();
        int height = input.height();
        int width = input.width();
        for (int i = 0; i < WIDTHS.length; i++) {
            String conv = "conv" + (i + 1);
            int out = WIDTHS[i];
            nodes.add(new Node.Conv2d(conv, x, out, 3, 1, Padding.same(height, width, 3, 1), 1,
                    conv + "/weight", conv + "/bias"));
            weights.put(conv + "/weight", heNormal(conv + "/weight", new int[] {out, channels, 3, 3},
                    channels * 9, seed));
            weights.put(conv + "/bias", new Tensor(new int[] {out}, new float[out]));
            nodes.add(new Node.Relu(conv + "/relu", conv));
            x = conv + "/relu";
            channels = out;
            if (i < 2) {
                String pool = "pool" + (i + 1);
                nodes.add(new Node.MaxPool(pool, x, 2, 2, Padding.NONE));
                x = pool;
                height /= 2;
                width /= 2;
            }
        }
        nodes.add(new Node.GlobalAvgPool("gap", x));
        nodes.add(new Node.Dense("dense", "gap", dimension, "dense/weight", "dense/bias"));
        weights.put("dense/weight", heNormal("dense/weight", new int[] {dimension, channels}, channels, seed));
        weights.put("dense/bias", new Tensor(new int[] {dimension}, new float[dimension]));
        nodes.add(new Node.L2Normalize(OUTPUT, "dense", 1e-12f));
        return new Graph(nodes, weights, OUTPUT);
    }

    /** N(0, 2 / fanIn) values for one tensor, from a stream of its own. */
    static Tensor heNormal(String name, int[] shape, int fanIn, long seed) {
        int count = 1;
        for (int d : shape) {
            count *= d;
        }
        SplittableRandom random = new SplittableRandom(seed ^ nameHash(name));
        double std = Math.sqrt(2.0 / fanIn);
        float[] values = new float[count];
        for (int i = 0; i < count; i += 2) {
            // Box–Muller: two independent standard normals from two uniforms in (0, 1].
            double radius = Math.sqrt(-2.0 * Math.log(1.0 - random.nextDouble()));
            double angle = 2.0 * Math.PI * random.nextDouble();
            values[i] = (float) (std * radius * Math.cos(angle));
            if (i + 1 < count) {
                values[i + 1] = (float) (std * radius * Math.sin(angle));
            }
        }
        return new Tensor(shape, values);
    }

    /** FNV-1a over the UTF-8 name: a fixed, JVM-independent hash (String.hashCode is too, but 32-bit). */
    private static long nameHash(String name) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
