package io.github.facenet4j.api.nn;

import io.github.facenet4j.api.ConfigurationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, backend-neutral network: nodes in execution order (each reads only nodes
 * before it), one {@link Node.Input}, one output node, and the weights the nodes read, by
 * name. Construction checks everything a backend would otherwise find late: unique names,
 * known inputs, shapes that fit, every weight present with the right shape and none left
 * unused. A graph then reports each layer's output shape, parameters and multiply-adds and
 * their totals. Every backend compiles the same graph, so the same weights give the same
 * embeddings on each (docs/ARCHITECTURE.md, "one network description, every backend").
 */
public final class Graph {

    /**
     * One row of the model table.
     *
     * @param node         the node
     * @param inputShapes  shapes of its inputs, in order
     * @param outputShape  the shape it produces
     * @param parameters   values of the weights it reads
     * @param multiplyAdds multiply-adds per sample
     */
    public record Layer(Node node, List<TensorShape> inputShapes, TensorShape outputShape, long parameters,
            long multiplyAdds) {
        public Layer {
            Objects.requireNonNull(node, "node");
            inputShapes = List.copyOf(inputShapes);
            Objects.requireNonNull(outputShape, "outputShape");
        }
    }

    private final List<Node> nodes;
    private final Map<String, Tensor> weights;
    private final String output;
    private final Node.Input input;
    private final Map<String, Layer> layers;

    /**
     * @param nodes   nodes in execution order
     * @param weights the weights the nodes read, by name
     * @param output  name of the node whose value the graph returns
     * @throws ConfigurationException naming the node, weight or shape that does not fit
     */
    public Graph(List<Node> nodes, Map<String, Tensor> weights, String output) {
        this.nodes = List.copyOf(nodes);
        this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        this.output = Objects.requireNonNull(output, "output");
        Set<String> used = new LinkedHashSet<>();
        Map<String, Layer> built = infer(this.nodes, (node, weight, shape) -> {
            Tensor t = this.weights.get(weight);
            if (t == null) {
                throw new ConfigurationException("Node '" + node.name() + "' reads weight '" + weight
                        + "', which the graph does not have");
            }
            if (!t.hasShape(shape)) {
                throw new ConfigurationException("Weight '" + weight + "' of node '" + node.name()
                        + "' must have shape " + Arrays.toString(shape) + ", got " + Arrays.toString(t.shape()));
            }
            used.add(weight);
        });
        Node.Input found = (Node.Input) nodes.stream().filter(n -> n instanceof Node.Input).findFirst().orElseThrow();
        if (!built.containsKey(output)) {
            throw new ConfigurationException("Output '" + output + "' is not a node of the graph");
        }
        for (String name : this.weights.keySet()) {
            if (!used.contains(name)) {
                throw new ConfigurationException("Weight '" + name + "' is not read by any node");
            }
        }
        this.input = found;
        this.layers = Collections.unmodifiableMap(built);
    }

    /** Called for each weight a node reads, with the shape it must have. */
    private interface WeightCheck {
        void check(Node node, String weight, int[] shape);
    }

    /**
     * The model table of a network given by its nodes alone, without weights: each node's
     * output shape, the parameters its weights will have and its multiply-adds. For
     * tabulating a network too large to initialise only to count it (the FaceNet paper's
     * NN1 has 140 M parameters).
     *
     * @throws ConfigurationException as the constructor does for names and shapes
     */
    public static List<Layer> describe(List<Node> nodes) {
        return List.copyOf(infer(List.copyOf(nodes), (node, weight, shape) -> { }).values());
    }

    /** Shape inference over nodes in execution order; parameters are counted from weight shapes. */
    private static Map<String, Layer> infer(List<Node> nodes, WeightCheck weights) {
        Map<String, Layer> built = new LinkedHashMap<>();
        Node.Input found = null;
        for (Node node : nodes) {
            if (built.containsKey(node.name())) {
                throw new ConfigurationException("Duplicate node name '" + node.name() + "'");
            }
            if (node instanceof Node.Input in) {
                if (found != null) {
                    throw new ConfigurationException("A graph has one input; got '" + found.name() + "' and '"
                            + in.name() + "'");
                }
                found = in;
            }
            List<TensorShape> in = new ArrayList<>();
            for (String source : node.inputs()) {
                Layer layer = built.get(source);
                if (layer == null) {
                    throw new ConfigurationException("Node '" + node.name() + "' reads '" + source
                            + "', which is not an earlier node");
                }
                in.add(layer.outputShape());
            }
            TensorShape out = node.outputShape(in);
            long parameters = 0;
            for (Map.Entry<String, int[]> w : node.weightShapes(in).entrySet()) {
                weights.check(node, w.getKey(), w.getValue());
                long size = 1;
                for (int d : w.getValue()) {
                    size *= d;
                }
                parameters += size;
            }
            built.put(node.name(), new Layer(node, in, out, parameters, node.multiplyAdds(in, out)));
        }
        if (found == null) {
            throw new ConfigurationException("A graph needs an input node");
        }
        return built;
    }

    /** Nodes in execution order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** Weights by name, in the order given. */
    public Map<String, Tensor> weights() {
        return weights;
    }

    /** The weight of that name. */
    public Tensor weight(String name) {
        Tensor t = weights.get(name);
        if (t == null) {
            throw new ConfigurationException("No weight '" + name + "' in the graph");
        }
        return t;
    }

    /** The input node. */
    public Node.Input input() {
        return input;
    }

    /** Name of the output node. */
    public String output() {
        return output;
    }

    /** Shape of one sample at the output. */
    public TensorShape outputShape() {
        return layers.get(output).outputShape();
    }

    /** The row of the model table for the node of that name. */
    public Layer layer(String name) {
        Layer layer = layers.get(name);
        if (layer == null) {
            throw new ConfigurationException("No node '" + name + "' in the graph");
        }
        return layer;
    }

    /** One row per node, in execution order. */
    public List<Layer> layers() {
        return List.copyOf(layers.values());
    }

    /** How many nodes read the output of each node (the output node counts one more). */
    public Map<String, Integer> consumerCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (Node n : nodes) {
            counts.putIfAbsent(n.name(), 0);
            for (String source : n.inputs()) {
                counts.merge(source, 1, Integer::sum);
            }
        }
        counts.merge(output, 1, Integer::sum);
        return counts;
    }

    /**
     * The nodes on some path to the output, in execution order: what a backend needs to run
     * (a node the output does not read is dead weight).
     */
    public List<Node> liveNodes() {
        Set<String> needed = new LinkedHashSet<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(output));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (needed.add(name)) {
                todo.addAll(layer(name).node().inputs());
            }
        }
        List<Node> live = new ArrayList<>();
        for (Node node : nodes) {
            if (needed.contains(node.name())) {
                live.add(node);
            }
        }
        return live;
    }

    /** Names of the weights the output depends on (the ones training changes), in node order. */
    public Set<String> liveWeights() {
        Set<String> names = new LinkedHashSet<>();
        for (Node node : liveNodes()) {
            names.addAll(node.weightShapes(layer(node.name()).inputShapes()).keySet());
        }
        return names;
    }

    /** Total number of weight values. */
    public long parameterCount() {
        long total = 0;
        for (Tensor t : weights.values()) {
            total += t.size();
        }
        return total;
    }

    /** Total multiply-adds per sample. */
    public long multiplyAdds() {
        long total = 0;
        for (Layer layer : layers.values()) {
            total += layer.multiplyAdds();
        }
        return total;
    }

    /**
     * The model table: one line per node with its operation, input (the first) and output
     * shapes, parameters and multiply-adds, then the totals (the columns of the FaceNet
     * paper's Tables 1 and 2).
     */
    public String table() {
        StringBuilder sb = new StringBuilder();
        String format = "%-28s %-18s %-14s %-14s %12s %14s%n";
        sb.append(String.format(format, "layer", "op", "size-in", "size-out", "params", "mult-adds"));
        for (Layer layer : layers.values()) {
            String in = layer.inputShapes().isEmpty() ? "" : layer.inputShapes().get(0).toString();
            sb.append(String.format(format, layer.node().name(), layer.node().op(), in, layer.outputShape(),
                    layer.parameters(), layer.multiplyAdds()));
        }
        sb.append(String.format(format, "total", "", "", "", parameterCount(), multiplyAdds()));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Graph[" + nodes.size() + " nodes, input " + input.shape() + ", output " + outputShape() + ", "
                + parameterCount() + " params, " + multiplyAdds() + " mult-adds]";
    }
}
