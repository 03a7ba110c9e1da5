package io.github.facenet4j.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.nn.TensorShape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

    @TempDir
    Path root;

    void image(String path, int rgb, String format) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 8; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        ImageIO.write(img, format, file.toFile());
    }

    @Test
    void identitiesAreSortedFoldersAndImagesDecodeLazily() throws IOException {
        image("bob/2.png", 0xff0000, "png");
        image("bob/1.png", 0x0000ff, "png");
        image("alice/a.jpg", 0x808080, "jpg");
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("alice/notes.txt"), "not an image");
        ImageFolder rgb = ImageFolder.open(root, new TensorShape(3, 4, 4));
        assertThat(rgb.identityNames()).containsExactly("alice", "bob");
        assertThat(rgb.size()).isEqualTo(3);
        assertThat(rgb.labels()).containsExactly(0, 1, 1);
        assertThat(rgb.file(1).getFileName().toString()).isEqualTo("1.png");
        float[] blue = rgb.image(1);
        assertThat(blue).hasSize(48);
        assertThat(blue[0]).isZero();
        assertThat(blue[16]).isZero();
        assertThat(blue[32]).isEqualTo(1f);
        assertThat(rgb.image(0)[5]).isCloseTo(128 / 255f, within(3 / 255f));

        ImageFolder grey = ImageFolder.open(root, new TensorShape(1, 2, 3));
        float[] red = grey.image(2);
        assertThat(red).hasSize(6).containsOnly(0.299f * 255 / 255f);
        assertThat(rgb.description()).contains("2 identities, 3 images");
    }

    @Test
    void problemsAreOneLine() throws IOException {
        Path missing = root.resolve("missing");
        assertThatThrownBy(() -> ImageFolder.open(missing, new TensorShape(1, 4, 4)))
                .isInstanceOf(BadInputException.class).hasMessage("Image folder not found: " + missing);
        assertThatThrownBy(() -> ImageFolder.open(root, new TensorShape(1, 4, 4)))
                .isInstanceOf(BadInputException.class).hasMessage("No images in " + root + ": expected " + root
                        + "/IDENTITY/*.jpg (or .jpeg, .png), one folder per identity");
        assertThatThrownBy(() -> ImageFolder.open(root, new TensorShape(2, 4, 4)))
                .isInstanceOf(ConfigurationException.class).hasMessage("Image folders give 1 (grey) or 3 (RGB)"
                        + " channels, not 2");
        Files.createDirectories(root.resolve("carol"));
        Files.writeString(root.resolve("carol/broken.jpg"), "this is no jpeg");
        ImageFolder set = ImageFolder.open(root, new TensorShape(1, 4, 4));
        assertThatThrownBy(() -> set.image(0)).isInstanceOf(BadInputException.class)
                .hasMessage("Cannot decode image " + root.resolve("carol/broken.jpg") + ": not a JPEG or PNG file");
    }
}
