package io.github.facenet4j.backends.onnx.internal;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Padding;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a {@link Graph} as an ONNX {@code ModelProto} (opset {@value #OPSET}) that ONNX
 * Runtime runs. Every value stays NCHW with a symbolic batch dimension {@code N}: a dense
 * layer flattens, multiplies and unsqueezes back to {@code N × d × 1 × 1}, so each node maps
 * to the ONNX operator that computes exactly what {@code ReferenceExecutor} computes.
 *
 * <p>Field numbers are those of {@code onnx/onnx.proto} (ONNX 1.14, the release of IR
 * version 9; IR version {@value #IR_VERSION} is the one of opset 17). Names: a node's value
 * takes the node's name; a weight is {@code weight:<name>}; helper constants a node needs
 * are {@code <node>#<what>}. A clash fails with the name.
 */
final class OrtGraphCompiler {

    static final int OPSET = 17;
    static final long IR_VERSION = 8;

    // ModelProto
    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_PRODUCER_NAME = 2;
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET_IMPORT = 8;
    // OperatorSetIdProto
    private static final int OPSET_VERSION = 2;
    // GraphProto
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    // NodeProto
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    // AttributeProto and its AttributeType values
    private static final int ATTR_NAME = 1;
    private static final int ATTR_F = 2;
    private static final int ATTR_I = 3;
    private static final int ATTR_INTS = 8;
    private static final int ATTR_TYPE = 20;
    private static final int TYPE_FLOAT = 1;
    private static final int TYPE_INT = 2;
    private static final int TYPE_INTS = 7;
    // TensorProto and its DataType values
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int DATA_FLOAT = 1;
    private static final int DATA_INT64 = 7;
    // ValueInfoProto → TypeProto → TypeProto.Tensor → TensorShapeProto → Dimension
    private static final int VALUE_NAME = 1;
    private static final int VALUE_TYPE = 2;
    private static final int TYPE_TENSOR_TYPE = 1;
    private static final int TENSOR_TYPE_ELEM_TYPE = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    /** Symbolic name of the batch dimension of the input and output. */
    static final String BATCH = "N";

    private final Graph graph;
    private final ProtoWriter body = new ProtoWriter();
    private final Set<String> names = new HashSet<>();

    private OrtGraphCompiler(Graph graph) {
        this.graph = graph;
    }

    /** The serialised ONNX model of {@code graph}. */
    static byte[] compile(Graph graph) {
        return new OrtGraphCompiler(graph).model();
    }

    /** Weights that only {@link Node.Scale} nodes read. */
    private Set<String> scaleOnlyWeights() {
        Set<String> scale = new HashSet<>();
        Set<String> other = new HashSet<>();
        for (Node node : graph.nodes()) {
            var read = node.weightShapes(graph.layer(node.name()).inputShapes()).keySet();
            (node instanceof Node.Scale ? scale : other).addAll(read);
        }
        scale.removeAll(other);
        return scale;
    }

    /** The ONNX name of a weight. */
    static String weightName(String weight) {
        return "weight:" + weight;
    }

    private byte[] model() {
        body.string(GRAPH_NAME, "facenet4j");
        Set<String> reshapedOnly = scaleOnlyWeights();
        for (Map.Entry<String, Tensor> w : graph.weights().entrySet()) {
            claim(weightName(w.getKey()));
            if (reshapedOnly.contains(w.getKey())) {
                continue; // a Scale reads its own [1, C, 1, 1] copy: this one would be unused, and ORT warns of it
            }
            Tensor t = w.getValue();
            initializer(weightName(w.getKey()), dims(t.shape()), ProtoWriter.littleEndian(t.values()), DATA_FLOAT);
        }
        for (Node node : graph.nodes()) {
            claim(node.name());
            Graph.Layer layer = graph.layer(node.name());
            if (node instanceof Node.Input in) {
                body.message(GRAPH_INPUT, valueInfo(in.name(), in.shape()));
            } else {
                emit(node, layer);
            }
        }
        body.message(GRAPH_OUTPUT, valueInfo(graph.output(), graph.outputShape()));
        return new ProtoWriter()
                .varint(MODEL_IR_VERSION, IR_VERSION)
                .string(MODEL_PRODUCER_NAME, "facenet4j")
                .message(MODEL_OPSET_IMPORT, new ProtoWriter().varint(OPSET_VERSION, OPSET))
                .message(MODEL_GRAPH, body)
                .toByteArray();
    }

    private void emit(Node node, Graph.Layer layer) {
        String name = node.name();
        TensorShape x = layer.inputShapes().get(0);
        if (node instanceof Node.Conv2d c) {
            List<String> in = c.bias() == null
                    ? List.of(c.input(), weightName(c.weight()))
                    : List.of(c.input(), weightName(c.weight()), weightName(c.bias()));
            node("Conv", name, in, name,
                    ints("kernel_shape", c.kernel(), c.kernel()),
                    ints("strides", c.stride(), c.stride()),
                    pads(c.padding()),
                    integer("group", c.groups()));
        } else if (node instanceof Node.Dense d) {
            String flat = helper(name, "flat");
            node("Flatten", flat, List.of(d.input()), flat, integer("axis", 1));
            String product = helper(name, "gemm");
            List<String> in = d.bias() == null
                    ? List.of(flat, weightName(d.weight()))
                    : List.of(flat, weightName(d.weight()), weightName(d.bias()));
            node("Gemm", product, in, product, integer("transB", 1));
            node("Unsqueeze", name, List.of(product, int64Constant(name, "axes", 2, 3)), name);
        } else if (node instanceof Node.Relu r) {
            node("Relu", name, List.of(r.input()), name);
        } else if (node instanceof Node.LeakyRelu l) {
            node("LeakyRelu", name, List.of(l.input()), name, real("alpha", l.alpha()));
        } else if (node instanceof Node.Clip c) {
            // Opset 11 on: the bounds are scalar inputs (ORT fuses Conv + Clip).
            String low = helper(name, "min");
            initializer(low, new long[0], ProtoWriter.littleEndian(new float[] {c.min()}), DATA_FLOAT);
            String high = helper(name, "max");
            initializer(high, new long[0], ProtoWriter.littleEndian(new float[] {c.max()}), DATA_FLOAT);
            node("Clip", name, List.of(c.input(), low, high), name);
        } else if (node instanceof Node.MaxPool p) {
            // ONNX pads a max pool with −∞: padded cells never win, as in the reference.
            if (!paddingBelowKernel(p.padding(), p.kernel())) {
                // ONNX Runtime refuses pads ≥ the kernel: pad with −∞ first, then pool unpadded
                // (a window wholly in the padding gives −∞, as in the reference).
                String padded = constantPad(name, p.input(), p.padding(), Float.NEGATIVE_INFINITY);
                node("MaxPool", name, List.of(padded), name, ints("kernel_shape", p.kernel(), p.kernel()),
                        ints("strides", p.stride(), p.stride()));
            } else {
                node("MaxPool", name, List.of(p.input()), name, ints("kernel_shape", p.kernel(), p.kernel()),
                        ints("strides", p.stride(), p.stride()), pads(p.padding()));
            }
        } else if (node instanceof Node.AvgPool p) {
            // Padded cells are left out of the mean, as the reference (TensorFlow) does.
            if (!paddingBelowKernel(p.padding(), p.kernel())) {
                // ONNX Runtime refuses pool pads ≥ the kernel (and fuses a Pad node back into the
                // pool). Convolutions take any padding: the mean over real cells is the window sum
                // of the input (a depthwise conv with ones) over the window sum of a mask of ones;
                // a window wholly in the padding gives 0 / max(0, tiny) = 0, as in the reference.
                int k = p.kernel();
                String sums = helper(name, "sums");
                node("Conv", sums, List.of(p.input(), ones(name, "kernel", x.channels(), 1, k, k)), sums,
                        ints("kernel_shape", k, k), ints("strides", p.stride(), p.stride()), pads(p.padding()),
                        integer("group", x.channels()));
                String counts = helper(name, "counts");
                node("Conv", counts, List.of(ones(name, "mask", 1, 1, x.height(), x.width()),
                                ones(name, "mask-kernel", 1, 1, k, k)), counts,
                        ints("kernel_shape", k, k), ints("strides", p.stride(), p.stride()), pads(p.padding()));
                String tiny = helper(name, "tiny");
                initializer(tiny, new long[0], ProtoWriter.littleEndian(new float[] {Float.MIN_NORMAL}), DATA_FLOAT);
                String clamped = helper(name, "clamped");
                node("Max", clamped, List.of(counts, tiny), clamped);
                node("Div", name, List.of(sums, clamped), name);
            } else {
                node("AveragePool", name, List.of(p.input()), name, ints("kernel_shape", p.kernel(), p.kernel()),
                        ints("strides", p.stride(), p.stride()), pads(p.padding()), integer("count_include_pad", 0));
            }
        } else if (node instanceof Node.L2Pool p) {
            // √ of the window sum of squares: a depthwise convolution of x² with ones, which takes
            // any padding (zeros, adding nothing), where LpPool's padding rules vary by runtime.
            int k = p.kernel();
            String squares = helper(name, "squares");
            node("Mul", squares, List.of(p.input(), p.input()), squares);
            String sums = helper(name, "sums");
            node("Conv", sums, List.of(squares, ones(name, "kernel", x.channels(), 1, k, k)), sums,
                    ints("kernel_shape", k, k), ints("strides", p.stride(), p.stride()), pads(p.padding()),
                    integer("group", x.channels()));
            node("Sqrt", name, List.of(sums), name);
        } else if (node instanceof Node.Lrn l) {
            // ONNX LRN is defined exactly as Node.Lrn (the window centred, clipped at the edges).
            node("LRN", name, List.of(l.input()), name, integer("size", l.size()), real("alpha", l.alpha()),
                    real("beta", l.beta()), real("bias", l.bias()));
        } else if (node instanceof Node.Maxout m) {
            // N × C × H × W → N × C/p × p × HW, the maximum over the runs, back to N × C/p × H × W.
            String runs = helper(name, "runs");
            node("Reshape", runs, List.of(m.input(), int64Constant(name, "runs-shape", 0, x.channels() / m.pieces(),
                    m.pieces(), x.plane())), runs);
            String best = helper(name, "max");
            node("ReduceMax", best, List.of(runs), best, ints("axes", 2), integer("keepdims", 0));
            node("Reshape", name, List.of(best, int64Constant(name, "shape", 0, x.channels() / m.pieces(),
                    x.height(), x.width())), name);
        } else if (node instanceof Node.Add a) {
            node("Add", name, List.of(a.left(), a.right()), name);
        } else if (node instanceof Node.Concat c) {
            node("Concat", name, c.sources(), name, integer("axis", 1));
        } else if (node instanceof Node.ZeroPad z) {
            Padding s = z.spatial();
            // Pad's pads input: the begins of N, C, H, W, then their ends.
            String pads = int64Constant(name, "pads", 0, z.channelsBefore(), s.top(), s.left(),
                    0, z.channelsAfter(), s.bottom(), s.right());
            node("Pad", name, List.of(z.input(), pads), name);
        } else if (node instanceof Node.GlobalAvgPool g) {
            node("GlobalAveragePool", name, List.of(g.input()), name);
        } else if (node instanceof Node.L2Normalize l) {
            // x / max(‖x‖₂, ε) per sample, exactly the reference's ε handling
            // (LpNormalization has no ε, so it would give NaN for a zero vector).
            String norm = helper(name, "norm");
            node("ReduceL2", norm, List.of(l.input()), norm, ints("axes", 1, 2, 3), integer("keepdims", 1));
            String epsilon = helper(name, "epsilon");
            initializer(epsilon, new long[0], ProtoWriter.littleEndian(new float[] {l.epsilon()}), DATA_FLOAT);
            String clamped = helper(name, "clamped");
            node("Max", clamped, List.of(norm, epsilon), clamped);
            node("Div", name, List.of(l.input(), clamped), name);
        } else if (node instanceof Node.Scale s) {
            String multiplier = perChannel(name, "weight", graph.weight(s.weight()), x.channels());
            if (s.bias() == null) {
                node("Mul", name, List.of(s.input(), multiplier), name);
            } else {
                String product = helper(name, "product");
                node("Mul", product, List.of(s.input(), multiplier), product);
                String offset = perChannel(name, "bias", graph.weight(s.bias()), x.channels());
                node("Add", name, List.of(product, offset), name);
            }
        } else {
            throw new ConfigurationException("The ONNX backend cannot compile node '" + name + "' (" + node.op() + ")");
        }
    }

    private static boolean paddingBelowKernel(Padding p, int kernel) {
        return p.top() < kernel && p.bottom() < kernel && p.left() < kernel && p.right() < kernel;
    }

    /** A constant of ones with the given dimensions. */
    private String ones(String node, String what, long... dims) {
        int size = 1;
        for (long d : dims) {
            size = Math.multiplyExact(size, (int) d);
        }
        float[] values = new float[size];
        java.util.Arrays.fill(values, 1f);
        String name = helper(node, what);
        initializer(name, dims, ProtoWriter.littleEndian(values), DATA_FLOAT);
        return name;
    }

    /** {@code input} padded in H and W with {@code value} by a Pad node; returns the padded tensor's name. */
    private String constantPad(String node, String input, Padding p, float value) {
        String name = helper(node, "padded");
        String pads = int64Constant(node, "pads", 0, 0, p.top(), p.left(), 0, 0, p.bottom(), p.right());
        String fill = helper(node, "fill");
        initializer(fill, new long[0], ProtoWriter.littleEndian(new float[] {value}), DATA_FLOAT);
        node("Pad", name, List.of(input, pads, fill), name);
        return name;
    }

    /** A [C] weight as a [1, C, 1, 1] constant, so that it broadcasts over N, H and W. */
    private String perChannel(String node, String what, Tensor weight, int channels) {
        String name = helper(node, what);
        initializer(name, new long[] {1, channels, 1, 1}, ProtoWriter.littleEndian(weight.values()), DATA_FLOAT);
        return name;
    }

    private String int64Constant(String node, String what, long... values) {
        String name = helper(node, what);
        initializer(name, new long[] {values.length}, ProtoWriter.littleEndian(values), DATA_INT64);
        return name;
    }

    private String helper(String node, String what) {
        String name = node + "#" + what;
        claim(name);
        return name;
    }

    private void claim(String name) {
        if (!names.add(name)) {
            throw new ConfigurationException("The ONNX name '" + name + "' is used twice; rename the node");
        }
    }

    /** A constant; its name is claimed by the caller. */
    private void initializer(String name, long[] dims, byte[] raw, int dataType) {
        body.message(GRAPH_INITIALIZER, new ProtoWriter()
                .packedInt64s(TENSOR_DIMS, dims)
                .varint(TENSOR_DATA_TYPE, dataType)
                .string(TENSOR_NAME, name)
                .bytes(TENSOR_RAW_DATA, raw));
    }

    private void node(String opType, String name, List<String> inputs, String output, ProtoWriter... attributes) {
        ProtoWriter n = new ProtoWriter();
        for (String in : inputs) {
            n.string(NODE_INPUT, in);
        }
        n.string(NODE_OUTPUT, output).string(NODE_NAME, name).string(NODE_OP_TYPE, opType);
        for (ProtoWriter a : attributes) {
            n.message(NODE_ATTRIBUTE, a);
        }
        body.message(GRAPH_NODE, n);
    }

    private static ProtoWriter ints(String name, long... values) {
        return new ProtoWriter().string(ATTR_NAME, name).packedInt64s(ATTR_INTS, values).varint(ATTR_TYPE, TYPE_INTS);
    }

    private static ProtoWriter integer(String name, long value) {
        return new ProtoWriter().string(ATTR_NAME, name).varint(ATTR_I, value).varint(ATTR_TYPE, TYPE_INT);
    }

    private static ProtoWriter real(String name, float value) {
        return new ProtoWriter().string(ATTR_NAME, name).float32(ATTR_F, value).varint(ATTR_TYPE, TYPE_FLOAT);
    }

    /** ONNX pads: the begins of H and W, then their ends. */
    private static ProtoWriter pads(Padding p) {
        return ints("pads", p.top(), p.left(), p.bottom(), p.right());
    }

    private static long[] dims(int[] shape) {
        long[] d = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            d[i] = shape[i];
        }
        return d;
    }

    /** A float tensor N × C × H × W with N symbolic. */
    private static ProtoWriter valueInfo(String name, TensorShape shape) {
        ProtoWriter dims = new ProtoWriter().message(SHAPE_DIM, new ProtoWriter().string(DIM_PARAM, BATCH));
        for (int d : new int[] {shape.channels(), shape.height(), shape.width()}) {
            dims.message(SHAPE_DIM, new ProtoWriter().varint(DIM_VALUE, d));
        }
        ProtoWriter tensorType = new ProtoWriter().varint(TENSOR_TYPE_ELEM_TYPE, DATA_FLOAT)
                .message(TENSOR_TYPE_SHAPE, dims);
        return new ProtoWriter().string(VALUE_NAME, name)
                .message(VALUE_TYPE, new ProtoWriter().message(TYPE_TENSOR_TYPE, tensorType));
    }
}
