package io.github.facenet4j.backends.djl.internal;

import static io.github.facenet4j.backends.djl.internal.TestGraphs.BACKEND;
import static io.github.facenet4j.models.GraphCases.maxAbsDiff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.models.GraphCases;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.backends.onnx.internal.OrtBackend;
import io.github.facenet4j.backends.onnx.internal.OrtBackendConfig;
import io.github.facenet4j.models.DlibResNet29;
import io.github.facenet4j.models.RealModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The real dlib ResNet-29 (face-api's weights, {@link RealModel}: never skipped) on DJL,
 * against the same graph on the ONNX backend and against face-api's own descriptors.
 */
class DjlNetworkDlibTest {

    private static final int BATCH = 4;
    private static final int N = DlibResNet29.INPUT_SIZE;

    private static Graph folded;
    private static Network network;
    private static float[] images;
    private static float[][] batched;
    private static float[][] onnx;

    @BeforeAll
    static void compile() {
        folded = DlibResNet29.foldedGraph(RealModel.weights());
        images = randomImages(BATCH, 42);
        network = BACKEND.compile(folded);
        batched = network.run(batch(images, BATCH));
        try (Network ort = new OrtBackend(OrtBackendConfig.defaults()).compile(folded)) {
            onnx = ort.run(batch(images, BATCH));
        }
    }

    @AfterAll
    static void close() {
        network.close();
    }

    /** {@code count} preprocessed random 150×150 RGB images, NCHW. */
    private static float[] randomImages(int count, long seed) {
        Random random = new Random(seed);
        float[] rgb = new float[count * 3 * N * N];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = random.nextInt(256);
        }
        return DlibResNet29.preprocess(rgb);
    }

    private static TensorBatch batch(float[] data, int count) {
        return new TensorBatch(data, count, 3, N, N);
    }

    @Test
    void embeddingsMatchTheOnnxBackend() {
        double diff = maxAbsDiff(batched, onnx);
        System.out.printf("dlib ResNet-29 (folded), batch %d: max |DJL − ONNX| = %.2e%n", BATCH, diff);
        assertThat(network.outputSize()).isEqualTo(DlibResNet29.EMBEDDING_SIZE);
        assertThat(diff).isLessThanOrEqualTo(1e-4);
        for (float[] row : batched) {
            double norm = 0;
            for (float v : row) {
                norm += v * v;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void unfoldedGraphWithItsScaleNodesGivesTheSameEmbeddings() {
        try (Network unfolded = BACKEND.compile(DlibResNet29.graph(RealModel.weights()))) {
            double diff = maxAbsDiff(unfolded.run(batch(images, BATCH)), onnx);
            System.out.printf("dlib ResNet-29 (scale nodes), batch %d: max |DJL − ONNX| = %.2e%n", BATCH, diff);
            assertThat(diff).isLessThanOrEqualTo(1e-4);
        }
    }

    @ParameterizedTest
    @FieldSource("io.github.facenet4j.models.RealModel#PARITY_FIXTURES")
    void descriptorMatchesFaceApiFixture(String name) {
        Graph descriptor = new Graph(folded.nodes(), folded.weights(), DlibResNet29.DESCRIPTOR_NODE);
        float[][] actual;
        try (Network unnormalised = BACKEND.compile(descriptor)) {
            actual = unnormalised.run(batch(DlibResNet29.preprocess(RealModel.parityImage(name)), 1));
        }
        double diff = maxAbsDiff(actual, RealModel.parityDescriptor(name));
        System.out.printf("%s: max |DJL − face-api| = %.2e%n", name, diff);
        assertThat(diff).isLessThanOrEqualTo(1e-4);
    }

    @Test
    void batchOfOneAgreesWithBatchOfSeveral() {
        int size = 3 * N * N;
        for (int i = 0; i < BATCH; i++) {
            float[] one = new float[size];
            System.arraycopy(images, i * size, one, 0, size);
            float[][] single = network.run(batch(one, 1));
            assertThat(maxAbsDiff(single, new float[][] {batched[i]})).as("image %d", i).isLessThanOrEqualTo(1e-5);
        }
    }

    @Test
    void concurrentCallsAgreeWithOneCaller() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<float[][]>> results = new ArrayList<>();
            for (int call = 0; call < 6; call++) {
                results.add(pool.submit(() -> network.run(batch(images, BATCH))));
            }
            for (Future<float[][]> result : results) {
                assertThat(maxAbsDiff(result.get(), batched)).isLessThanOrEqualTo(1e-6);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
