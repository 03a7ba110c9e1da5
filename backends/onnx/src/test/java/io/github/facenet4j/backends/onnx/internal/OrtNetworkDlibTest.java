package io.github.facenet4j.backends.onnx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.models.GraphCases;
import io.github.facenet4j.models.DlibResNet29;
import io.github.facenet4j.models.ParityStats;
import io.github.facenet4j.models.RealModel;
import io.github.facenet4j.models.internal.ReferenceExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The real dlib ResNet-29 compiled to ONNX and run on ONNX Runtime, against the reference and
 * face-api (its descriptors on the tfjs WASM backend for the fixtures of {@code RealModel#PARITY_FIXTURES}).
 */
class OrtNetworkDlibTest {

    private static final int BATCH = 4;
    private static final int N = DlibResNet29.INPUT_SIZE;

    private static Graph graph;
    private static Network embedder;
    private static float[] images;
    private static float[][] batched;

    @BeforeAll
    static void compile() {
        graph = RealDlib.graph();
        embedder = new OrtBackend(OrtBackendConfig.defaults()).compile(graph);
        images = RealDlib.randomImages(BATCH, 42);
        batched = embedder.run(batch(images, BATCH));
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    private static TensorBatch batch(float[] data, int count) {
        return new TensorBatch(data, count, 3, N, N);
    }

    private static float[] image(int index) {
        float[] one = new float[3 * N * N];
        System.arraycopy(images, index * one.length, one, 0, one.length);
        return one;
    }

    @Test
    void embeddingsMatchReferenceExecutor() {
        float[] expected = new ReferenceExecutor(graph).run(images, BATCH);

        double diff = GraphCases.maxAbsDiff(batched, expected);
        System.out.printf("dlib ResNet-29, batch %d: max |ORT − reference| = %.2e%n", BATCH, diff);
        assertThat(embedder.outputSize()).isEqualTo(DlibResNet29.EMBEDDING_SIZE);
        assertThat(diff).isLessThanOrEqualTo(1e-4);
        for (float[] row : batched) {
            double norm = 0;
            for (float v : row) {
                norm += v * v;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));
        }
    }

    @ParameterizedTest
    @FieldSource("io.github.facenet4j.models.RealModel#PARITY_FIXTURES")
    void descriptorMatchesFaceApiFixture(String name) {
        float[] nchw = RealModel.parityImage(name);
        float[] expected = RealModel.parityDescriptor(name);
        Graph descriptor = new Graph(graph.nodes(), graph.weights(), DlibResNet29.DESCRIPTOR_NODE);

        float[][] actual;
        try (Network unnormalised = new OrtBackend(OrtBackendConfig.defaults()).compile(descriptor)) {
            actual = unnormalised.run(batch(DlibResNet29.preprocess(nchw), 1));
        }

        assertThat(actual).hasDimensions(1, DlibResNet29.EMBEDDING_SIZE);
        assertThat(expected).hasSize(DlibResNet29.EMBEDDING_SIZE);
        ParityStats stats = ParityStats.of(actual[0], expected);
        System.out.printf("%s: ONNX Runtime against face-api (tfjs WASM): %s%n", name, stats);
        assertThat(stats.cosine()).isGreaterThanOrEqualTo(0.9999);
        assertThat(stats.maxAbsDiff()).isLessThanOrEqualTo(1e-4);
    }

    @Test
    void batchOfOneAgreesWithBatchOfSeveral() {
        for (int i = 0; i < BATCH; i++) {
            float[][] single = embedder.run(batch(image(i), 1));
            assertThat(GraphCases.maxAbsDiff(single, batched[i])).as("image %d", i).isLessThanOrEqualTo(1e-5);
        }
    }

    @Test
    void concurrentCallsAgreeWithOneCaller() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<float[][]>> results = new ArrayList<>();
            for (int call = 0; call < 6; call++) {
                results.add(pool.submit(() -> embedder.run(batch(images, BATCH))));
            }
            for (Future<float[][]> result : results) {
                float[][] rows = result.get();
                for (int i = 0; i < BATCH; i++) {
                    assertThat(GraphCases.maxAbsDiff(new float[][] {rows[i]}, batched[i]))
                            .isLessThanOrEqualTo(1e-6);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void compiledModelWrittenToAFileRunsTheSame(@TempDir Path dir) throws IOException {
        Path model = Files.write(dir.resolve("dlib-resnet-29.onnx"), OrtGraphCompiler.compile(graph));

        try (Network fromFile = new OrtBackend(OrtBackendConfig.defaults()).load(model)) {
            float[][] rows = fromFile.run(batch(images, BATCH));
            for (int i = 0; i < BATCH; i++) {
                assertThat(rows[i]).containsExactly(batched[i]);
            }
        }
    }

    @Test
    void oneIntraOpThreadGivesTheSameEmbeddings() {
        try (Network single = new OrtBackend(OrtBackendConfig.defaults().withIntraOpThreads(1)).compile(graph)) {
            float[][] rows = single.run(batch(images, BATCH));
            for (int i = 0; i < BATCH; i++) {
                assertThat(GraphCases.maxAbsDiff(new float[][] {rows[i]}, batched[i])).isLessThanOrEqualTo(1e-5);
            }
        }
    }
}
