package io.github.facenet4j.faces;

import static io.github.facenet4j.faces.TestImages.distance;
import static io.github.facenet4j.faces.TestImages.rgb;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JPEG whose APP1 Exif segment carries Orientation 1…8 comes back upright. The expected
 * picture is built from two primitive operations on the stored pattern (a quarter turn
 * clockwise and a left–right mirror), following the EXIF 2.32 table for tag 0x0112.
 */
class ImageFilesOrientationTest {

    /** What to do to the stored image, in order, to show it upright (EXIF 2.32, 4.6.4 A). */
    private static final List<List<String>> STEPS = List.of(
            List.of(), // 1: as stored
            List.of("mirror"), // 2: mirrored left–right
            List.of("cw", "cw"), // 3: upside down
            List.of("cw", "cw", "mirror"), // 4: mirrored top–bottom
            List.of("cw", "mirror"), // 5: mirrored about the main diagonal
            List.of("cw"), // 6: needs a quarter turn clockwise
            List.of("cw", "cw", "cw", "mirror"), // 7: mirrored about the other diagonal
            List.of("cw", "cw", "cw")); // 8: needs a quarter turn counter-clockwise

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void bigEndianExifAfterJfif(int orientation) {
        check(orientation, false, true);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void littleEndianExifRightAfterSoi(int orientation) {
        check(orientation, true, false);
    }

    private static void check(int orientation, boolean littleEndian, boolean afterJfif) {
        BufferedImage stored = TestImages.cells(4, 3); // 64×48, twelve distinct flat cells
        byte[] jpeg = TestImages.insertSegment(TestImages.jpeg(stored, 0.95f, false),
                TestImages.exifSegment(orientation, littleEndian), afterJfif);
        BufferedImage expected = stored;
        for (String step : STEPS.get(orientation - 1)) {
            expected = step.equals("cw") ? quarterTurnClockwise(expected) : mirror(expected);
        }
        RgbImage image = ImageFiles.decode(jpeg, "oriented.jpg", ImageLimits.defaults());
        assertThat(image.width()).isEqualTo(expected.getWidth());
        assertThat(image.height()).isEqualTo(expected.getHeight());
        // Compare each cell's centre: far from edges, where JPEG keeps flat colour nearly exact.
        for (int y = 8; y < image.height(); y += 16) {
            for (int x = 8; x < image.width(); x += 16) {
                assertThat(distance(rgb(image, x, y), expected.getRGB(x, y)))
                        .as("orientation %d, cell at (%d, %d)", orientation, x, y).isLessThanOrEqualTo(10);
            }
        }
    }

    /** The top row becomes the right column. */
    private static BufferedImage quarterTurnClockwise(BufferedImage in) {
        BufferedImage out = new BufferedImage(in.getHeight(), in.getWidth(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < in.getHeight(); y++) {
            for (int x = 0; x < in.getWidth(); x++) {
                out.setRGB(in.getHeight() - 1 - y, x, in.getRGB(x, y));
            }
        }
        return out;
    }

    private static BufferedImage mirror(BufferedImage in) {
        BufferedImage out = new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < in.getHeight(); y++) {
            for (int x = 0; x < in.getWidth(); x++) {
                out.setRGB(in.getWidth() - 1 - x, y, in.getRGB(x, y));
            }
        }
        return out;
    }
}
