package io.github.facenet4j.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.models.internal.ReferenceExecutor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The reference executor against face-api itself on the same weights. Fixtures in
 * {@code src/test/resources/parity}: 150×150 RGB images (raw bytes) and the descriptors
 * face-api 1.7.15 computed for them on the tfjs 4.22 CPU backend with
 * {@code src/test/node/face-api-reference.mjs} (how to run it is at its top). The images are
 * synthetic, not faces: this pins the architecture and the weight import; parity on aligned
 * face crops against the WASM backend is a later step of issue 4.
 */
class FaceApiParityTest {

    private static Graph graph;

    @BeforeAll
    static void load() {
        graph = DlibResNet29.foldedGraph(RealModel.weights());
    }

    @ParameterizedTest
    @FieldSource("io.github.facenet4j.models.RealModel#PARITY_FIXTURES")
    void descriptorMatchesFaceApi(String image) {
        float[] nchw = RealModel.parityImage(image);
        float[] expected = RealModel.parityDescriptor(image);

        float[] actual = new ReferenceExecutor(graph).run(DlibResNet29.preprocess(nchw), 1, DlibResNet29.DESCRIPTOR_NODE);

        assertThat(actual).hasSameSizeAs(expected).hasSize(128);
        double dot = 0;
        double na = 0;
        double ne = 0;
        double maxDiff = 0;
        for (int i = 0; i < actual.length; i++) {
            dot += (double) actual[i] * expected[i];
            na += (double) actual[i] * actual[i];
            ne += (double) expected[i] * expected[i];
            maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
        }
        double cosine = dot / Math.sqrt(na * ne);
        System.out.printf("%s: cosine %.12f, max |difference| %.2e against face-api%n", image, cosine, maxDiff);
        assertThat(cosine).isGreaterThanOrEqualTo(0.9999);
        assertThat(maxDiff).isLessThan(1e-4);
    }
}
