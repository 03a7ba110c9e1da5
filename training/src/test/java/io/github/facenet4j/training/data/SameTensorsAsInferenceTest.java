package io.github.facenet4j.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.InputNormalisation;
import io.github.facenet4j.api.nn.InputNormalisation.ChannelOrder;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.faces.FaceEmbedder;
import io.github.facenet4j.faces.ImageFiles;
import io.github.facenet4j.faces.RgbImage;
import io.github.facenet4j.models.ModelCard;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on an image folder feeds a network exactly the tensor that inference feeds it for
 * the same file: the face embedder on the file decoded by {@link ImageFiles} and resized to
 * the card's input as the face pipeline resizes an aligned crop.
 */
class SameTensorsAsInferenceTest {

    @TempDir
    Path root;

    /** A network that only states its shape; the embedder's tensor is what is compared. */
    private record Shape(TensorShape inputShape) implements Network {
        @Override
        public int outputSize() {
            return 1;
        }

        @Override
        public float[][] run(TensorBatch batch) {
            throw new UnsupportedOperationException("only the input tensor is compared");
        }

        @Override
        public void close() {
        }
    }

    private static BufferedImage colours(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (255 * x / (width - 1)) << 16 | (255 * y / (height - 1)) << 8 | (37 * (x + y)) % 256);
            }
        }
        return image;
    }

    private List<Path> photos() throws IOException {
        Files.createDirectories(root.resolve("ann"));
        Files.createDirectories(root.resolve("ben"));
        Path png = root.resolve("ann/wide.png");
        Path jpeg = root.resolve("ann/tall.jpg");
        Path exact = root.resolve("ben/exact.png");
        Files.write(png, ImageFolderTest.encode(colours(37, 23), "png"));
        Files.write(jpeg, ImageFolderTest.encode(colours(19, 41), "jpg"));
        Files.write(exact, ImageFolderTest.encode(colours(16, 16), "png"));
        return List.of(jpeg, png, exact); // the folder's order: by identity, then file name
    }

    private void assertSameTensors(InputNormalisation normalisation) throws IOException {
        List<Path> files = photos();
        ModelCard base = ModelCard.defaultCard();
        ModelCard card = new ModelCard("t", "1", "test", new ModelCard.Input(16, 16, normalisation), base.alignment(),
                1, base.distance(), 1, base.weights(), base.provenance());
        ImageFolder folder = ImageFolder.open(root, card.input().shape());
        assertThat(IntStream.range(0, folder.size()).mapToObj(folder::file)).containsExactlyElementsOf(files);

        TensorBatch training = folder.batch(0, folder.size(), card.input().normalisation());

        FaceEmbedder embedder = new FaceEmbedder(new Shape(card.input().shape()), card, 1);
        List<RgbImage> crops = files.stream().map(ImageFiles::read).map(image -> image.resize(16, 16)).toList();
        TensorBatch inference = embedder.tensor(crops);
        assertThat(training).usingRecursiveComparison().isEqualTo(inference);
        assertThat(training.data()).containsExactly(inference.data());
    }

    @Test
    void rgbModelsSeeTheSameTensor() throws IOException {
        assertSameTensors(new InputNormalisation(ChannelOrder.RGB, new float[] {122.782f, 117.001f, 104.298f},
                new float[] {255, 255, 255}));
    }

    @Test
    void bgrModelsSeeTheSameTensor() throws IOException {
        assertSameTensors(new InputNormalisation(ChannelOrder.BGR, new float[] {104f, 117f, 123f},
                new float[] {1, 1, 1}));
    }

    @Test
    void greyModelsSeeTheSameTensor() throws IOException {
        assertSameTensors(InputNormalisation.unitRange(ChannelOrder.GRAY));
    }
}
