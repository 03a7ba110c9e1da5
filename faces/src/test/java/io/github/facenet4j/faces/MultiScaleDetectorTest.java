package io.github.facenet4j.faces;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.faces.internal.Tiling.Tile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wrapper around a stand-in detector that sees like a real one only larger faces: it
 * "finds" the red square of an image, as the bounding box of its red pixels, when that box is
 * at least {@code reach} of the image's longer side.
 */
class MultiScaleDetectorTest {

    private static final MultiScaleConfig CONFIG = MultiScaleConfig.defaults();

    /** The red square's bounding box, when it is at least 0.1 of the longer side. */
    private static final class RedSquareDetector implements FaceDetector {
        final List<int[]> sizesSeen = new ArrayList<>();
        private final int channel;

        RedSquareDetector() {
            this(0);
        }

        /** Looks for a square of full {@code channel} (1: green) instead. */
        RedSquareDetector(int channel) {
            this.channel = channel;
        }

        @Override
        public List<FaceBox> detect(RgbImage image) {
            sizesSeen.add(new int[] {image.width(), image.height()});
            int left = Integer.MAX_VALUE;
            int top = Integer.MAX_VALUE;
            int right = -1;
            int bottom = -1;
            for (int y = 0; y < image.height(); y++) {
                for (int x = 0; x < image.width(); x++) {
                    if (image.get(x, y, channel) == 255) {
                        left = Math.min(left, x);
                        top = Math.min(top, y);
                        right = Math.max(right, x + 1);
                        bottom = Math.max(bottom, y + 1);
                    }
                }
            }
            double side = Math.max(image.width(), image.height());
            if (right < 0 || right - left < CONFIG.reach() * side) {
                return List.of();
            }
            return List.of(new FaceBox(left, top, right - left, bottom - top, 0.9));
        }
    }

    private static RgbImage withRedSquare(int width, int height, int x, int y, int side) {
        byte[] pixels = new byte[width * height * 3];
        for (int row = y; row < y + side; row++) {
            for (int col = x; col < x + side; col++) {
                pixels[(row * width + col) * 3] = (byte) 255;
            }
        }
        return new RgbImage(width, height, pixels);
    }

    @Test
    void aFaceTooSmallForTheWholeImageIsFoundInATileAtItsPlaceInTheImage() {
        // 600×400: the whole image reaches 60 pixels; the tiles (side 375, at x 0 and 225) reach 37.5.
        RedSquareDetector detector = new RedSquareDetector();
        List<FaceBox> faces = new MultiScaleDetector(detector, CONFIG).detect(withRedSquare(600, 400, 300, 200, 40));
        assertThat(faces).containsExactly(new FaceBox(300, 200, 40, 40, 0.9));
        assertThat(detector.sizesSeen).containsExactly(new int[] {600, 400}, new int[] {375, 375},
                new int[] {375, 375}, new int[] {375, 375}, new int[] {375, 375});
        assertThat(detector.detect(withRedSquare(600, 400, 300, 200, 40))).isEmpty();
    }

    @Test
    void aFaceCutByATileIsTakenFromWhereItIsWhole() {
        // 330…430 across: the first tile (0…375) cuts it; the second (225…600) and the whole image hold it.
        List<FaceBox> faces = new MultiScaleDetector(new RedSquareDetector(), CONFIG)
                .detect(withRedSquare(600, 400, 330, 150, 100));
        assertThat(faces).containsExactly(new FaceBox(330, 150, 100, 100, 0.9));
    }

    @Test
    void aFaceFoundOnTheWholeImageKeepsThatBoxOverABetterScoringTilesBox() {
        // scores the square's side over the image's: 100 / 600 on the whole image, 100 / 375 on a tile
        FaceDetector scaleScored = image -> new RedSquareDetector().detect(image).stream()
                .map(b -> new FaceBox(b.x(), b.y(), b.width(), b.height(), b.width() / Math.max(image.width(),
                        image.height()))).toList();
        List<FaceBox> faces = new MultiScaleDetector(scaleScored, CONFIG).detect(withRedSquare(600, 400, 330, 150, 100));
        assertThat(faces).containsExactly(new FaceBox(330, 150, 100, 100, 100.0 / 600));
    }

    @Test
    void facesComeBestScoreFirstWhicheverRunFoundThem() {
        // a red square of 120 px the whole image finds (score 0.6), a green one of 40 px only tiles find (0.9)
        RgbImage image = withRedSquare(600, 400, 20, 20, 120);
        for (int y = 250; y < 290; y++) {
            for (int x = 400; x < 440; x++) {
                image.pixels()[(y * 600 + x) * 3 + 1] = (byte) 255;
            }
        }
        FaceDetector twoColours = img -> {
            List<FaceBox> found = new ArrayList<>();
            for (FaceBox red : new RedSquareDetector().detect(img)) {
                found.add(new FaceBox(red.x(), red.y(), red.width(), red.height(), 0.6));
            }
            for (FaceBox green : new RedSquareDetector(1).detect(img)) {
                found.add(0, green);
            }
            return found;
        };
        assertThat(new MultiScaleDetector(twoColours, CONFIG).detect(image))
                .containsExactly(new FaceBox(400, 250, 40, 40, 0.9), new FaceBox(20, 20, 120, 120, 0.6));
    }

    @Test
    void aSmallImageGoesToTheDetectorWhole() {
        RedSquareDetector detector = new RedSquareDetector();
        List<FaceBox> faces = new MultiScaleDetector(detector, CONFIG).detect(withRedSquare(150, 100, 10, 20, 30));
        assertThat(faces).containsExactly(new FaceBox(10, 20, 30, 30, 0.9));
        assertThat(detector.sizesSeen).hasSize(1);
    }

    @Test
    void aBoxIsCutOnlyByATileEdgeInsideTheImage() {
        RgbImage image = new RgbImage(600, 400, new byte[600 * 400 * 3]);
        Tile left = new Tile(0, 0, 375, 375);
        Tile right = new Tile(225, 25, 375, 375);
        FaceBox atTheLeft = new FaceBox(0, 100, 50, 50, 0.9);
        FaceBox atTheRight = new FaceBox(325, 100, 50, 50, 0.9);
        FaceBox atTheTop = new FaceBox(100, 0, 50, 50, 0.9);
        FaceBox atTheBottom = new FaceBox(100, 325, 50, 50, 0.9);
        assertThat(MultiScaleDetector.cut(atTheLeft, left, image)).isFalse(); // the image's own edge
        assertThat(MultiScaleDetector.cut(atTheRight, left, image)).isTrue();
        assertThat(MultiScaleDetector.cut(atTheBottom, left, image)).isTrue();
        assertThat(MultiScaleDetector.cut(atTheTop, left, image)).isFalse();
        assertThat(MultiScaleDetector.cut(atTheLeft, right, image)).isTrue();
        assertThat(MultiScaleDetector.cut(atTheRight, right, image)).isFalse();
        assertThat(MultiScaleDetector.cut(atTheTop, right, image)).isTrue();
        assertThat(MultiScaleDetector.cut(atTheBottom, right, image)).isFalse();
        assertThat(MultiScaleDetector.cut(new FaceBox(100, 100, 50, 50, 0.9), left, image)).isFalse();
    }
}
