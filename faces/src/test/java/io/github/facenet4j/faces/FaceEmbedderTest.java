package io.github.facenet4j.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.math.Vectors;
import io.github.facenet4j.api.nn.InputNormalisation;
import io.github.facenet4j.backends.onnx.internal.OrtBackend;
import io.github.facenet4j.backends.onnx.internal.OrtBackendConfig;
import io.github.facenet4j.models.DlibResNet29;
import io.github.facenet4j.models.ModelCard;
import io.github.facenet4j.models.ModelPack;
import io.github.facenet4j.models.RealModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaceEmbedderTest {

    /** A parity fixture's interleaved RGB bytes as an image. */
    private static RgbImage fixture(String name) {
        float[] nchw = RealModel.parityImage(name);
        int n = DlibResNet29.INPUT_SIZE;
        byte[] rgb = new byte[3 * n * n];
        for (int p = 0; p < n * n; p++) {
            for (int c = 0; c < 3; c++) {
                rgb[3 * p + c] = (byte) nchw[c * n * n + p];
            }
        }
        return new RgbImage(n, n, rgb);
    }

    @Test
    void defaultCardsPreprocessingReproducesFaceApisDescriptors() {
        ModelPack pack = ModelPack.defaultPack(RealModel.packageDir());
        try (FaceEmbedder embedder = new FaceEmbedder(pack.network(new OrtBackend(OrtBackendConfig.defaults())),
                pack.card(), 2)) {
            List<RgbImage> crops = java.util.Arrays.stream(RealModel.PARITY_FIXTURES).map(FaceEmbedderTest::fixture)
                    .toList();
            float[][] rows = embedder.embed(crops);
            for (int i = 0; i < rows.length; i++) {
                float[] reference = RealModel.parityDescriptor(RealModel.PARITY_FIXTURES[i]);
                double cosine = Vectors.dot(rows[i], reference) / Math.sqrt(Vectors.dot(reference, reference));
                assertThat(Vectors.dot(rows[i], rows[i])).isCloseTo(1, within(1e-5));
                assertThat(cosine).as(RealModel.PARITY_FIXTURES[i]).isGreaterThanOrEqualTo(0.9999);
            }
        }
    }

    @Test
    void anOnnxFileDescribedByAModelCardRunsWithTheCardsPreprocessing(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws java.io.IOException {
        ModelPack tfjs = ModelPack.defaultPack(RealModel.packageDir());
        java.nio.file.Files.write(dir.resolve("dlib.onnx"),
                OrtBackend.toOnnx(tfjs.graph()));
        ModelCard base = tfjs.card();
        ModelCard card = new ModelCard("dlib-onnx", "1", base.architecture(), base.input(), base.alignment(),
                base.embeddingSize(), base.distance(), base.threshold(), new ModelCard.Weights("onnx", "dlib.onnx"),
                base.provenance());
        java.nio.file.Files.writeString(dir.resolve(ModelCard.FILE_NAME), card.toJson());

        ModelPack onnx = ModelPack.read(dir);
        OrtBackend backend = new OrtBackend(OrtBackendConfig.defaults());
        List<RgbImage> crops = List.of(fixture(RealModel.PARITY_FIXTURES[0]));
        try (FaceEmbedder fromFile = new FaceEmbedder(onnx.network(backend), onnx.card(), 1);
                FaceEmbedder fromGraph = new FaceEmbedder(tfjs.network(backend), tfjs.card(), 1)) {
            assertThat(fromFile.embed(crops)[0]).containsExactly(fromGraph.embed(crops)[0]);
        }
        assertThatThrownBy(onnx::graph).isInstanceOf(ConfigurationException.class)
                .hasMessage("Model 'dlib-onnx' has onnx weights, not a graph; load it with the onnx backend");
    }

    /** A network that returns its input flattened: shows exactly what the embedder fed it. */
    private record Identity(int channels, int size) implements Network {
        @Override public io.github.facenet4j.api.nn.TensorShape inputShape() {
            return new io.github.facenet4j.api.nn.TensorShape(channels, size, size);
        }
        @Override public int outputSize() { return channels * size * size; }
        @Override public float[][] run(TensorBatch batch) {
            float[][] rows = new float[batch.batch()][outputSize()];
            for (int n = 0; n < rows.length; n++) {
                System.arraycopy(batch.data(), n * outputSize(), rows[n], 0, outputSize());
            }
            return rows;
        }
        @Override public void close() { }
    }

    private static ModelCard card(String order, float[] mean, float[] scale, int d) {
        ModelCard base = ModelCard.defaultCard();
        return new ModelCard("t", "1", "test", new ModelCard.Input(1, 1,
                        new InputNormalisation(InputNormalisation.ChannelOrder.parse(order), mean, scale)),
                base.alignment(), d, base.distance(), 1, base.weights(), base.provenance());
    }

    @Test
    void preprocessesEachChannelOrderAsTheCardSays() {
        RgbImage pixel = new RgbImage(1, 1, new byte[] {(byte) 200, 100, 50});
        float[] mean = {10, 20, 30};
        float[] scale = {2, 4, 5};
        TensorBatch rgb = new FaceEmbedder(new Identity(3, 1), card("rgb", mean, scale, 3), 1).tensor(List.of(pixel));
        assertThat(rgb.data()).containsExactly((200 - 10) / 2f, (100 - 20) / 4f, (50 - 30) / 5f);
        TensorBatch bgr = new FaceEmbedder(new Identity(3, 1), card("bgr", mean, scale, 3), 1).tensor(List.of(pixel));
        assertThat(bgr.data()).containsExactly((50 - 10) / 2f, (100 - 20) / 4f, (200 - 30) / 5f);
        TensorBatch gray = new FaceEmbedder(new Identity(1, 1), card("gray", new float[] {0}, new float[] {1}, 1), 1)
                .tensor(List.of(pixel));
        assertThat(gray.data()[0]).isCloseTo(0.299f * 200 + 0.587f * 100 + 0.114f * 50, within(1e-4f));
    }

    @Test
    void normalisesRowsAndBatchesInChunks() {
        FaceEmbedder embedder = new FaceEmbedder(new Identity(3, 1),
                card("rgb", new float[3], new float[] {1, 1, 1}, 3), 2);
        List<RgbImage> pixels = List.of(new RgbImage(1, 1, new byte[] {3, 4, 0}), new RgbImage(1, 1, new byte[] {0, 0, 7}),
                new RgbImage(1, 1, new byte[] {1, 1, 1}));
        float[][] rows = embedder.embed(pixels);
        assertThat(rows[0]).containsExactly(0.6f, 0.8f, 0f);
        assertThat(rows[1]).containsExactly(0f, 0f, 1f);
        float third = (float) (1 / Math.sqrt(3));
        assertThat(rows[2]).containsExactly(third, third, third);
    }

    @Test
    void refusesMismatchedCardsCropsAndDegenerateOutputs() {
        assertThatThrownBy(() -> new FaceEmbedder(new Identity(3, 2), card("rgb", new float[3], new float[] {1, 1, 1}, 3), 1))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Model 't': the card says 3×1×1 → 3, the network is 3×2×2 → 12");
        FaceEmbedder embedder = new FaceEmbedder(new Identity(3, 1),
                card("rgb", new float[3], new float[] {1, 1, 1}, 3), 1);
        assertThatThrownBy(() -> embedder.embed(List.of(new RgbImage(2, 1, new byte[6]))))
                .isInstanceOf(BadInputException.class).hasMessage("Model 't' takes 1×1 crops, got 2×1");
        assertThatThrownBy(() -> embedder.embed(List.of(new RgbImage(1, 1, new byte[3]))))
                .isInstanceOf(BadInputException.class).hasMessage("Model 't' produced an embedding of norm 0.0");
    }
}
