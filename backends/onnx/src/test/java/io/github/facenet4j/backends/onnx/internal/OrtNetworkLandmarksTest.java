package io.github.facenet4j.backends.onnx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.models.GraphCases;
import io.github.facenet4j.models.FaceLandmark68Net;
import io.github.facenet4j.models.RealModel;
import io.github.facenet4j.models.internal.ReferenceExecutor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** face-api's 68-point landmark net (real weights) on ONNX Runtime against the reference executor. */
class OrtNetworkLandmarksTest {

    @Test
    void landmarksMatchReferenceExecutor() {
        Graph graph = FaceLandmark68Net.graph(RealModel.landmarkWeights());
        int n = FaceLandmark68Net.INPUT_SIZE;
        int batch = 2;
        Random random = new Random(11);
        float[] rgb = new float[batch * 3 * n * n];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = random.nextInt(256);
        }
        float[] input = FaceLandmark68Net.preprocess(rgb);
        float[] expected = new ReferenceExecutor(graph).run(input, batch);

        float[][] actual;
        try (Network net = new OrtBackend(OrtBackendConfig.defaults()).compile(graph)) {
            assertThat(net.outputSize()).isEqualTo(FaceLandmark68Net.OUTPUT_SIZE);
            actual = net.run(new TensorBatch(input, batch, 3, n, n));
        }

        double diff = GraphCases.maxAbsDiff(actual, expected);
        System.out.printf("68-point landmark net, batch %d: max |ORT − reference| = %.2e%n", batch, diff);
        assertThat(diff).isLessThanOrEqualTo(1e-4);
        assertThat(actual[0]).isNotEqualTo(actual[1]);
    }
}
