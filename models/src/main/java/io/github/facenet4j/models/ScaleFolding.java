package io.github.facenet4j.models;

import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Folds each per-channel {@link Node.Scale} into the convolution before it:
 * s·(W∗x + b) + β = (s·W)∗x + (s·b + β), channel by channel. dlib's ResNet follows every
 * convolution with such an affine layer (a frozen batch norm); folding removes one pass over
 * every activation and leaves fewer, larger weights for a backend to load. A scale is folded
 * only when its convolution feeds nothing else and no other node shares the convolution's
 * weights; anything else is left as it is. Downstream nodes that read the scale read the
 * folded convolution, which keeps the convolution's name.
 */
public final class ScaleFolding {

    private ScaleFolding() {
    }

    /** A new graph with every foldable scale folded; the input graph is unchanged. */
    public static Graph fold(Graph graph) {
        Map<String, Integer> consumers = graph.consumerCounts();
        Map<String, Integer> weightUses = new HashMap<>();
        for (Node n : graph.nodes()) {
            for (String w : weightsOf(graph, n)) {
                weightUses.merge(w, 1, Integer::sum);
            }
        }
        Map<String, Node> byName = new HashMap<>();
        graph.nodes().forEach(n -> byName.put(n.name(), n));
        Map<String, Tensor> weights = new LinkedHashMap<>(graph.weights());
        Map<String, String> renamed = new HashMap<>();
        Map<String, Node> folded = new HashMap<>();
        for (Node n : graph.nodes()) {
            if (n instanceof Node.Scale s && byName.get(s.input()) instanceof Node.Conv2d c
                    && consumers.get(c.name()) == 1 && weightsOf(graph, c).stream().allMatch(w -> weightUses.get(w) == 1)) {
                String biasName = c.bias() != null ? c.bias() : s.bias() != null ? s.bias() : null;
                float[] w = graph.weight(c.weight()).values();
                float[] mul = graph.weight(s.weight()).values();
                float[] add = s.bias() == null ? null : graph.weight(s.bias()).values();
                float[] b = c.bias() == null ? new float[c.outChannels()] : graph.weight(c.bias()).values();
                int per = w.length / c.outChannels();
                for (int o = 0; o < c.outChannels(); o++) {
                    for (int i = 0; i < per; i++) {
                        w[o * per + i] *= mul[o];
                    }
                    b[o] = b[o] * mul[o] + (add == null ? 0f : add[o]);
                }
                weights.put(c.weight(), new Tensor(graph.weight(c.weight()).shape(), w));
                if (biasName != null) {
                    weights.put(biasName, new Tensor(new int[] {c.outChannels()}, b));
                }
                folded.put(c.name(), new Node.Conv2d(c.name(), c.input(), c.outChannels(), c.kernel(), c.stride(),
                        c.padding(), c.groups(), c.weight(), biasName));
                renamed.put(s.name(), c.name());
            }
        }
        List<Node> nodes = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (renamed.containsKey(n.name())) {
                continue;
            }
            Node kept = folded.getOrDefault(n.name(), n);
            nodes.add(rewire(kept, renamed));
        }
        Map<String, Tensor> used = new LinkedHashMap<>();
        for (Node n : nodes) {
            // Names are kept, so the original layer still gives each node's input shapes.
            for (String w : n.weightShapes(graph.layer(n.name()).inputShapes()).keySet()) {
                used.put(w, weights.get(w));
            }
        }
        String output = renamed.getOrDefault(graph.output(), graph.output());
        return new Graph(nodes, used, output);
    }

    private static List<String> weightsOf(Graph graph, Node n) {
        return List.copyOf(n.weightShapes(graph.layer(n.name()).inputShapes()).keySet());
    }

    private static Node rewire(Node n, Map<String, String> renamed) {
        if (n.inputs().stream().noneMatch(renamed::containsKey)) {
            return n;
        }
        UnaryOperator<String> r = s -> renamed.getOrDefault(s, s);
        if (n instanceof Node.Conv2d c) {
            return new Node.Conv2d(c.name(), r.apply(c.input()), c.outChannels(), c.kernel(), c.stride(), c.padding(),
                    c.groups(), c.weight(), c.bias());
        } else if (n instanceof Node.Dense d) {
            return new Node.Dense(d.name(), r.apply(d.input()), d.outFeatures(), d.weight(), d.bias());
        } else if (n instanceof Node.Relu x) {
            return new Node.Relu(x.name(), r.apply(x.input()));
        } else if (n instanceof Node.LeakyRelu x) {
            return new Node.LeakyRelu(x.name(), r.apply(x.input()), x.alpha());
        } else if (n instanceof Node.Clip x) {
            return new Node.Clip(x.name(), r.apply(x.input()), x.min(), x.max());
        } else if (n instanceof Node.MaxPool p) {
            return new Node.MaxPool(p.name(), r.apply(p.input()), p.kernel(), p.stride(), p.padding());
        } else if (n instanceof Node.AvgPool p) {
            return new Node.AvgPool(p.name(), r.apply(p.input()), p.kernel(), p.stride(), p.padding());
        } else if (n instanceof Node.Add a) {
            return new Node.Add(a.name(), r.apply(a.left()), r.apply(a.right()));
        } else if (n instanceof Node.Concat c) {
            return new Node.Concat(c.name(), c.sources().stream().map(r).toList());
        } else if (n instanceof Node.ZeroPad z) {
            return new Node.ZeroPad(z.name(), r.apply(z.input()), z.channelsBefore(), z.channelsAfter(), z.spatial());
        } else if (n instanceof Node.GlobalAvgPool g) {
            return new Node.GlobalAvgPool(g.name(), r.apply(g.input()));
        } else if (n instanceof Node.L2Normalize l) {
            return new Node.L2Normalize(l.name(), r.apply(l.input()), l.epsilon());
        } else if (n instanceof Node.Scale s) {
            return new Node.Scale(s.name(), r.apply(s.input()), s.weight(), s.bias());
        }
        throw new IllegalStateException("Cannot rewire " + n.op());
    }
}
