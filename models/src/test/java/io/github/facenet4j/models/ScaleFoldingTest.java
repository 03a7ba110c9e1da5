package io.github.facenet4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Padding;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.models.internal.ReferenceExecutor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScaleFoldingTest {

    private static Tensor random(Random r, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new Tensor(shape, v);
    }

    @Test
    void foldedGraphComputesTheSameAndDropsTheScales() {
        Random r = new Random(7);
        // c1 has a bias, c2 none and its scale no bias; s3 follows a conv that also feeds an add: not folded.
        List<Node> nodes = List.of(
                new Node.Input("x", new TensorShape(2, 6, 6)),
                new Node.Conv2d("c1", "x", 3, 3, 1, Padding.of(1), 1, "c1.w", "c1.b"),
                new Node.Scale("s1", "c1", "s1.w", "s1.b"),
                new Node.Relu("r1", "s1"),
                new Node.Conv2d("c2", "r1", 3, 3, 1, Padding.of(1), 1, "c2.w", null),
                new Node.Scale("s2", "c2", "s2.w", null),
                new Node.Conv2d("c3", "s2", 3, 1, 1, Padding.NONE, 1, "c3.w", null),
                new Node.Scale("s3", "c3", "s3.w", "s3.b"),
                new Node.Add("a", "s3", "c3"));
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("c1.w", random(r, 3, 2, 3, 3));
        w.put("c1.b", random(r, 3));
        w.put("s1.w", random(r, 3));
        w.put("s1.b", random(r, 3));
        w.put("c2.w", random(r, 3, 3, 3, 3));
        w.put("s2.w", random(r, 3));
        w.put("c3.w", random(r, 3, 3, 1, 1));
        w.put("s3.w", random(r, 3));
        w.put("s3.b", random(r, 3));
        Graph graph = new Graph(nodes, w, "a");
        Graph folded = ScaleFolding.fold(graph);

        assertThat(folded.nodes()).extracting(Node::name).containsExactly("x", "c1", "r1", "c2", "c3", "s3", "a");
        assertThat(folded.parameterCount()).isEqualTo(graph.parameterCount() - 3 * 3);
        assertThat(folded.multiplyAdds()).isEqualTo(graph.multiplyAdds() - 2 * 3 * 36);
        float[] input = random(r, 2 * 2 * 6 * 6).values();
        float[] expected = new ReferenceExecutor(graph).run(input, 2);
        float[] actual = new ReferenceExecutor(folded).run(input, 2);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-4f));
        }
        assertThat(graph.nodes()).hasSize(9); // the input graph is unchanged
    }
}
