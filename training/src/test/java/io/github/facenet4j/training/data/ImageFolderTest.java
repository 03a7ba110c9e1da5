package io.github.facenet4j.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.faces.ImageLimits;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

    @TempDir
    Path root;

    static BufferedImage flat(int width, int height, int rgb) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).as("a " + format + " writer").isTrue();
        return out.toByteArray();
    }

    Path write(String path, byte[] bytes) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }

    void image(String path, int rgb, String format) throws IOException {
        write(path, encode(flat(8, 6, rgb), format));
    }

    @Test
    void identitiesAreSortedFoldersAndImagesDecodeLazilyToPixelValues() throws IOException {
        image("bob/2.png", 0xff0000, "png");
        image("bob/1.png", 0x0000ff, "png");
        image("alice/a.jpg", 0x808080, "jpg");
        image("carol/c.bmp", 0x00ff00, "bmp");
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("alice/notes.txt"), "not an image");
        ImageFolder rgb = ImageFolder.open(root, new TensorShape(3, 4, 4));
        assertThat(rgb.identityNames()).containsExactly("alice", "bob", "carol");
        assertThat(rgb.size()).isEqualTo(4);
        assertThat(rgb.labels()).containsExactly(0, 1, 1, 2);
        assertThat(rgb.file(1).getFileName().toString()).isEqualTo("1.png");
        float[] blue = rgb.image(1);
        assertThat(blue).hasSize(48);
        assertThat(Arrays.copyOfRange(blue, 0, 32)).containsOnly(0f);
        assertThat(Arrays.copyOfRange(blue, 32, 48)).containsOnly(255f);
        assertThat(rgb.image(0)[5]).isCloseTo(128f, within(3f));
        assertThat(rgb.image(3)[16]).isEqualTo(255f);

        ImageFolder grey = ImageFolder.open(root, new TensorShape(1, 2, 3));
        float[] red = grey.image(2);
        assertThat(red).hasSize(6);
        for (float v : red) {
            assertThat((double) v).isCloseTo(0.299 * 255, within(1e-4)); // BT.601 luma of pure red
        }
        assertThat(rgb.description()).isEqualTo("image folder " + root + " (3 identities, 4 images)");
    }

    @Test
    void imagesOfAnotherSizeAreResizedAsTheFacePipelineResizesCrops() throws IOException {
        BufferedImage stripes = new BufferedImage(4, 1, BufferedImage.TYPE_INT_RGB);
        int[] reds = {0, 100, 200, 40};
        for (int x = 0; x < 4; x++) {
            stripes.setRGB(x, 0, reds[x] << 16);
        }
        write("a/stripes.png", encode(stripes, "png"));
        // 4 → 2 columns samples halfway between pixels 0 and 1, then 2 and 3; 1 → 2 rows repeats the row
        float[] image = ImageFolder.open(root, new TensorShape(3, 2, 2)).image(0);
        assertThat(Arrays.copyOfRange(image, 0, 4)).containsExactly(50f, 120f, 50f, 120f);
        assertThat(Arrays.copyOfRange(image, 4, 12)).containsOnly(0f);
    }

    @Test
    void problemsWithTheFolderAreOneLine() throws IOException {
        Path missing = root.resolve("missing");
        assertThatThrownBy(() -> ImageFolder.open(missing, new TensorShape(1, 4, 4)))
                .isInstanceOf(BadInputException.class).hasMessage("Image folder not found: " + missing);
        assertThatThrownBy(() -> ImageFolder.open(root, new TensorShape(1, 4, 4)))
                .isInstanceOf(BadInputException.class).hasMessage("No images in " + root + ": expected " + root
                        + "/IDENTITY/*.jpg (or .jpeg, .png, .bmp), one folder per identity");
        assertThatThrownBy(() -> ImageFolder.open(root, new TensorShape(2, 4, 4)))
                .isInstanceOf(ConfigurationException.class).hasMessage("Image folders give 1 (grey) or 3 (RGB)"
                        + " channels, not 2");
    }

    @Test
    void aFileThatIsNoImageGetsTheDecodersMessage() throws IOException {
        Path file = write("carol/broken.jpg", "this is no jpeg".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ImageFolder set = ImageFolder.open(root, new TensorShape(1, 4, 4));
        assertThatThrownBy(() -> set.image(0)).isInstanceOf(BadInputException.class)
                .hasMessage(file + " is not a JPEG, PNG or BMP image; convert it to one of those");
    }

    @Test
    void anEmptyFileGetsTheDecodersMessage() throws IOException {
        Path file = write("carol/empty.png", new byte[0]);
        ImageFolder set = ImageFolder.open(root, new TensorShape(1, 4, 4));
        assertThatThrownBy(() -> set.image(0)).isInstanceOf(BadInputException.class)
                .hasMessage(file + " is empty (0 bytes)");
    }

    @Test
    void aTruncatedJpegGetsTheDecodersMessage() throws IOException {
        BufferedImage noise = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                noise.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        byte[] jpeg = encode(noise, "jpg");
        assertThat(jpeg[jpeg.length - 1]).as("the end-of-image marker").isEqualTo((byte) 0xD9);
        Path noEnd = write("dave/no-end.jpg", Arrays.copyOf(jpeg, jpeg.length - 2));
        Path half = write("dave/shalf.jpg", Arrays.copyOf(jpeg, jpeg.length / 2));
        ImageFolder set = ImageFolder.open(root, new TensorShape(3, 8, 8));
        assertThatThrownBy(() -> set.image(0)).isInstanceOf(BadInputException.class)
                .hasMessage(noEnd + " is truncated or corrupt (Truncated File - Missing EOI marker);"
                        + " re-export or re-download it");
        assertThatThrownBy(() -> set.image(1)).isInstanceOf(BadInputException.class).message()
                .startsWith(half + " is truncated or corrupt (").endsWith("); re-export or re-download it")
                .doesNotContain("\n");
    }

    @Test
    void anImageAboveThePixelLimitIsRefusedBeforeDecoding() throws IOException {
        Path file = write("erin/big.png", encode(flat(8, 6, 0x123456), "png"));
        ImageFolder set = ImageFolder.open(root, new TensorShape(1, 4, 4), new ImageLimits(40));
        assertThatThrownBy(() -> set.image(0)).isInstanceOf(BadInputException.class)
                .hasMessage(file + ": image is 8×6 (48 pixels), above the limit of 40 pixels; downscale it first");
        assertThat(ImageFolder.open(root, new TensorShape(1, 4, 4), new ImageLimits(48)).image(0)).hasSize(16);
    }
}
