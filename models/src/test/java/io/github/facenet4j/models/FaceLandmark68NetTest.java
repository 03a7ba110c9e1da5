package io.github.facenet4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.models.internal.ReferenceExecutor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** face-api's 68-point landmark net on the real face-api weights. */
class FaceLandmark68NetTest {

    private static Map<String, Tensor> tfjs;
    private static Graph graph;

    @BeforeAll
    static void load() {
        tfjs = RealModel.landmarkWeights();
        graph = FaceLandmark68Net.graph(tfjs);
    }

    /** Output side of the block a weight belongs to: 112 halved once per block. */
    private static int side(String weightName) {
        return 56 >> Integer.parseInt(weightName.substring(5, 6));
    }

    @Test
    void countsAgreeWithTheManifest() {
        long values = 0;
        long multiplyAdds = 0;
        for (Map.Entry<String, Tensor> e : tfjs.entrySet()) {
            values += e.getValue().size();
            if (!e.getKey().endsWith("bias") && !e.getKey().startsWith("fc")) {
                int s = side(e.getKey());
                multiplyAdds += (long) e.getValue().size() * s * s; // every filter value once per output position
            }
        }
        multiplyAdds += tfjs.get("fc/weights").size();
        System.out.println("face-api 68-point landmark net (1.7.15), 112×112:");
        System.out.print(graph.table());

        assertThat(graph.parameterCount()).isEqualTo(values);
        assertThat(graph.multiplyAdds()).isEqualTo(multiplyAdds);
        // 1 plain + 15 separable (depthwise + pointwise) convolutions, one dense layer.
        assertThat(graph.nodes().stream().filter(n -> n instanceof Node.Conv2d)).hasSize(31);
        assertThat(graph.nodes().stream().filter(n -> n instanceof Node.Conv2d c && c.groups() > 1)).hasSize(15);
    }

    @Test
    void blocksHaveTheShapesOfTheArchitecture() {
        assertThat(graph.input().shape()).isEqualTo(new TensorShape(3, 112, 112));
        assertThat(graph.layer("dense0/out").outputShape()).isEqualTo(new TensorShape(32, 56, 56));
        assertThat(graph.layer("dense1/out").outputShape()).isEqualTo(new TensorShape(64, 28, 28));
        assertThat(graph.layer("dense2/out").outputShape()).isEqualTo(new TensorShape(128, 14, 14));
        assertThat(graph.layer("dense3/out").outputShape()).isEqualTo(new TensorShape(256, 7, 7));
        assertThat(graph.layer("pool").outputShape()).isEqualTo(new TensorShape(256, 1, 1));
        assertThat(graph.outputShape()).isEqualTo(new TensorShape(FaceLandmark68Net.OUTPUT_SIZE, 1, 1));
    }

    @Test
    void mapsAFaceSizedInputToPointsInsideTheCrop() {
        Random r = new Random(7);
        int n = FaceLandmark68Net.INPUT_SIZE;
        float[] rgb = new float[3 * n * n];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = 100 + r.nextInt(60);
        }
        float[] out = new ReferenceExecutor(graph).run(FaceLandmark68Net.preprocess(rgb));

        // Whatever the picture, the net was trained to put its 68 points on a face filling the crop.
        assertThat(out).hasSize(136);
        for (float v : out) {
            assertThat(v).isBetween(-0.5f, 1.5f);
        }
    }

    @Test
    void rejectsAManifestWithMissingOrExtraWeights() {
        Map<String, Tensor> missing = new LinkedHashMap<>(tfjs);
        missing.remove("dense2/conv3/pointwise_filter");
        assertThatThrownBy(() -> FaceLandmark68Net.graph(missing)).isInstanceOf(BadInputException.class)
                .hasMessage("The face landmark manifest has no weight 'dense2/conv3/pointwise_filter'");
        Map<String, Tensor> extra = new LinkedHashMap<>(tfjs);
        extra.put("stray", new Tensor(new int[] {1}, new float[1]));
        assertThatThrownBy(() -> FaceLandmark68Net.graph(extra))
                .hasMessage("The face landmark manifest has weights the 68-point net does not use: [stray]");
        assertThatThrownBy(() -> FaceLandmark68Net.preprocess(new float[10]))
                .hasMessage("Expected whole 3×112×112 RGB images, got 10 values");
    }
}
