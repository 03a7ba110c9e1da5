package io.github.facenet4j.models;

import static io.github.facenet4j.models.GraphCases.maxAbsDiff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.models.internal.ReferenceExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * face-api's real networks on a backend: the dlib ResNet-29 and the 68-point landmark net
 * with face-api's weights ({@link RealModel}: found or fetched, never skipped). The dlib
 * embeddings must match the plain-Java reference executor, have unit norm, not depend on the
 * batch they are computed in, on the caller's thread or on the run; its unnormalised
 * descriptors must match those face-api computed for the committed fixtures
 * ({@link RealModel#PARITY_FIXTURES}). A backend's test extends this class and says only how
 * to make the backend; checks of its own can use the compiled network and its results
 * ({@link #dlib()}, {@link #images()}, {@link #embeddings()}). Public, in the test-jar, so
 * that every backend runs the same checks. One instance per class: the network is compiled once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FaceApiNetworksContract {

    /** Random images the dlib checks run on, in one batch. */
    protected static final int BATCH = 4;
    private static final int N = DlibResNet29.INPUT_SIZE;

    private Graph dlib;
    private Network network;
    private Network descriptors;
    private float[] images;
    private float[][] embeddings;
    private float[] reference;

    /**
     * The backend under test. Called once per check and once to compile the shared network;
     * return one shared instance where making one is costly.
     */
    protected abstract Backend backend();

    @BeforeAll
    void compileDlib() {
        dlib = DlibResNet29.foldedGraph(RealModel.weights());
        images = DlibResNet29.preprocess(randomRgb(42, BATCH * 3 * N * N));
        reference = new ReferenceExecutor(dlib).run(images, BATCH);
        network = backend().compile(dlib);
        embeddings = network.run(dlibBatch(images, BATCH));
    }

    @AfterAll
    void close() {
        for (Network n : new Network[] {network, descriptors}) {
            if (n != null) {
                n.close();
            }
        }
    }

    /** {@code count} values 0…255 in whole steps, as an 8-bit image's pixels are. */
    private static float[] randomRgb(long seed, int count) {
        Random random = new Random(seed);
        float[] rgb = new float[count];
        for (int i = 0; i < count; i++) {
            rgb[i] = random.nextInt(256);
        }
        return rgb;
    }

    /** The dlib ResNet-29 with its scales folded into the convolutions; output: the L2-normalised embedding. */
    protected final Graph dlib() {
        return dlib;
    }

    /** {@link #BATCH} preprocessed random 150×150 RGB images, NCHW. */
    protected final float[] images() {
        return images.clone();
    }

    /** The backend's embeddings of {@link #images()}, computed in one batch. */
    protected final float[][] embeddings() {
        return embeddings;
    }

    /** {@code count} preprocessed 3×150×150 images as a batch for the dlib network. */
    protected static TensorBatch dlibBatch(float[] data, int count) {
        return new TensorBatch(data, count, 3, N, N);
    }

    private String name() {
        return backend().name();
    }

    @Test
    void embeddingsMatchTheReferenceExecutorAndHaveUnitNorm() {
        double diff = maxAbsDiff(embeddings, reference);
        System.out.printf("dlib ResNet-29, batch %d: max |%s − reference| = %.2e%n", BATCH, name(), diff);
        assertThat(network.inputShape()).isEqualTo(dlib.input().shape());
        assertThat(network.outputSize()).isEqualTo(DlibResNet29.EMBEDDING_SIZE);
        assertThat(embeddings).hasNumberOfRows(BATCH);
        assertThat(diff).isLessThanOrEqualTo(1e-4);
        for (float[] row : embeddings) {
            double norm = 0;
            for (float v : row) {
                norm += v * v;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void unfoldedGraphWithItsScaleNodesGivesTheSameEmbeddings() {
        try (Network unfolded = backend().compile(DlibResNet29.graph(RealModel.weights()))) {
            double diff = maxAbsDiff(unfolded.run(dlibBatch(images(), BATCH)), reference);
            System.out.printf("dlib ResNet-29 (scale nodes), batch %d: max |%s − reference| = %.2e%n", BATCH,
                    name(), diff);
            assertThat(diff).isLessThanOrEqualTo(1e-4);
        }
    }

    @ParameterizedTest
    @FieldSource("io.github.facenet4j.models.RealModel#PARITY_FIXTURES")
    void descriptorMatchesFaceApiFixture(String fixture) {
        float[] expected = RealModel.parityDescriptor(fixture);

        float[][] actual = descriptors().run(dlibBatch(DlibResNet29.preprocess(RealModel.parityImage(fixture)), 1));

        assertThat(actual).hasDimensions(1, DlibResNet29.EMBEDDING_SIZE);
        assertThat(expected).hasSize(DlibResNet29.EMBEDDING_SIZE);
        ParityStats stats = ParityStats.of(actual[0], expected);
        System.out.printf("%s: %s against face-api (tfjs WASM): %s%n", fixture, name(), stats);
        assertThat(stats.cosine()).isGreaterThanOrEqualTo(0.9999);
        assertThat(stats.maxAbsDiff()).isLessThanOrEqualTo(1e-4);
    }

    /** The dlib network up to its unnormalised descriptor, compiled once. */
    private synchronized Network descriptors() {
        if (descriptors == null) {
            descriptors = backend().compile(new Graph(dlib.nodes(), dlib.weights(), DlibResNet29.DESCRIPTOR_NODE));
        }
        return descriptors;
    }

    @Test
    void batchOfOneAgreesWithBatchOfSeveral() {
        int size = 3 * N * N;
        for (int i = 0; i < BATCH; i++) {
            float[] one = new float[size];
            System.arraycopy(images, i * size, one, 0, size);
            float[][] single = network.run(dlibBatch(one, 1));
            assertThat(maxAbsDiff(single, new float[][] {embeddings[i]})).as("image %d", i).isLessThanOrEqualTo(1e-5);
        }
    }

    @Test
    void theSameBatchRunAgainGivesTheSameEmbeddings() {
        assertThat(network.run(dlibBatch(images(), BATCH))).isDeepEqualTo(embeddings);
    }

    @Test
    void concurrentCallsAgreeWithOneCaller() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<float[][]>> results = new ArrayList<>();
            for (int call = 0; call < 6; call++) {
                results.add(pool.submit(() -> network.run(dlibBatch(images(), BATCH))));
            }
            for (Future<float[][]> result : results) {
                assertThat(maxAbsDiff(result.get(), embeddings)).isLessThanOrEqualTo(1e-6);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void landmarksMatchTheReferenceExecutor() {
        Graph graph = FaceLandmark68Net.graph(RealModel.landmarkWeights());
        int n = FaceLandmark68Net.INPUT_SIZE;
        int batch = 2;
        float[] input = FaceLandmark68Net.preprocess(randomRgb(11, batch * 3 * n * n));
        float[] expected = new ReferenceExecutor(graph).run(input, batch);

        float[][] actual;
        try (Network net = backend().compile(graph)) {
            assertThat(net.outputSize()).isEqualTo(FaceLandmark68Net.OUTPUT_SIZE);
            actual = net.run(new TensorBatch(input, batch, 3, n, n));
        }

        double diff = maxAbsDiff(actual, expected);
        System.out.printf("68-point landmark net, batch %d: max |%s − reference| = %.2e%n", batch, name(), diff);
        assertThat(diff).isLessThanOrEqualTo(1e-4);
        assertThat(actual[0]).isNotEqualTo(actual[1]);
    }

    @Test
    void ssdDetectorMatchesTheReferenceExecutor() {
        Graph graph = SsdMobilenetV1Net.graph(TfjsWeights.read(RealModel.packageDir().resolve(FaceApiPack.SSD_MANIFEST)));
        int n = SsdMobilenetV1Net.INPUT_SIZE;
        float[] input = randomRgb(13, 3 * n * n);
        for (int i = 0; i < input.length; i++) {
            input[i] = input[i] / 127.5f - 1f;
        }
        float[] expected = new ReferenceExecutor(graph).run(input);

        float[][] actual;
        try (Network net = backend().compile(graph)) {
            actual = net.run(new TensorBatch(input, 1, 3, n, n));
        }

        double diff = maxAbsDiff(actual, expected);
        System.out.printf("SSD MobileNet v1: max |%s − reference| = %.2e%n", name(), diff);
        assertThat(diff).isLessThanOrEqualTo(1e-4);
    }
}
