package io.github.facenet4j.models;

import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Padding;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the nodes of a convolutional embedder step by step, knowing each node's shape as it
 * goes (for 'same' padding), and groups them into the rows of a paper-style table
 * ({@link BlockRow}). Weights come last: {@link #initialise} draws them, so that a network can
 * be tabulated without allocating them ({@link Graph#describe}).
 */
final class NetworkBuilder {

    /** LRN as in AlexNet and OpenFace's FaceNet ports: 5 channels, α 1e-4, β 0.75, k 1. */
    static final int LRN_SIZE = 5;
    static final float LRN_ALPHA = 1e-4f;
    static final float LRN_BETA = 0.75f;
    static final float LRN_BIAS = 1f;

    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, TensorShape> shapes = new HashMap<>();
    private final List<BlockRow.Spec> specs = new ArrayList<>();
    private final Map<String, Integer> rowOfNode = new HashMap<>();

    NetworkBuilder(TensorShape input) {
        add(new Node.Input("input", input));
    }

    /** Starts a table row: the nodes added from now on belong to it. */
    NetworkBuilder row(BlockRow.Spec spec) {
        specs.add(spec);
        return this;
    }

    /** Adds a node; returns its name. */
    String add(Node node) {
        List<TensorShape> in = node.inputs().stream().map(shapes::get).toList();
        shapes.put(node.name(), node.outputShape(in));
        nodes.add(node);
        if (!specs.isEmpty()) {
            rowOfNode.put(node.name(), specs.size() - 1);
        }
        return node.name();
    }

    TensorShape shape(String node) {
        return shapes.get(node);
    }

    /** Convolution k×k/stride with 'same' padding and a bias, then ReLU; returns the ReLU. */
    String convRelu(String name, String input, int out, int kernel, int stride) {
        TensorShape x = shape(input);
        add(new Node.Conv2d(name, input, out, kernel, stride, Padding.same(x.height(), x.width(), kernel, stride), 1,
                name + "/weight", name + "/bias"));
        return add(new Node.Relu(name + "/relu", name));
    }

    String maxPool(String name, String input, int kernel, int stride) {
        TensorShape x = shape(input);
        return add(new Node.MaxPool(name, input, kernel, stride, Padding.same(x.height(), x.width(), kernel, stride)));
    }

    String l2Pool(String name, String input, int kernel, int stride) {
        TensorShape x = shape(input);
        return add(new Node.L2Pool(name, input, kernel, stride, Padding.same(x.height(), x.width(), kernel, stride)));
    }

    String lrn(String name, String input) {
        return add(new Node.Lrn(name, input, LRN_SIZE, LRN_ALPHA, LRN_BETA, LRN_BIAS));
    }

    /** Dense layer with a bias. */
    String dense(String name, String input, int out) {
        return add(new Node.Dense(name, input, out, name + "/weight", name + "/bias"));
    }

    List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** The table rows, each with the parameters and multiply-adds of its nodes and its last node's shape. */
    List<BlockRow> rows() {
        long[] params = new long[specs.size()];
        long[] adds = new long[specs.size()];
        TensorShape[] out = new TensorShape[specs.size()];
        for (Graph.Layer layer : Graph.describe(nodes)) {
            Integer row = rowOfNode.get(layer.node().name());
            if (row != null) {
                params[row] += layer.parameters();
                adds[row] += layer.multiplyAdds();
                out[row] = layer.outputShape();
            }
        }
        List<BlockRow> rows = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            rows.add(new BlockRow(specs.get(i), out[i], params[i], adds[i]));
        }
        return rows;
    }

    /**
     * The graph with He-normal weights (N(0, 2 / fan-in), {@link SmallCnn#heNormal}: one
     * random stream per tensor from the seed and its name) and zero biases.
     */
    Graph initialise(String output, long seed) {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (Graph.Layer layer : Graph.describe(nodes)) {
            layer.node().weightShapes(layer.inputShapes()).forEach((name, shape) -> {
                int fanIn = 1;
                for (int i = 1; i < shape.length; i++) {
                    fanIn *= shape[i];
                }
                weights.put(name, name.endsWith("/bias") ? new Tensor(shape, new float[shape[0]])
                        : SmallCnn.heNormal(name, shape, fanIn, seed));
            });
        }
        return new Graph(nodes, weights, output);
    }
}
