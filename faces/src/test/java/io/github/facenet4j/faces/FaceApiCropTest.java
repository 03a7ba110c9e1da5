package io.github.facenet4j.faces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaceApiCropTest {

    /** Eyes at (40, 50) and (80, 50), mouth at (60, 90); the other points at the origin. */
    private static Landmarks face() {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < Landmarks.COUNT; i++) {
            points.add(i >= 48 ? new Point(60, 90) : i >= 42 ? new Point(80, 50) : i >= 36 ? new Point(40, 50)
                    : new Point(0, 0));
        }
        return new Landmarks(points);
    }

    @Test
    void theSquareIsFaceApisDlibBox() {
        // d = √(20² + 40²) = 44.72 to either eye; side ⌊44.72 / 0.45⌋ = 99; centre (60, 63.33);
        // corner ⌊60 − 49.5⌋ = 10, ⌊63.33 − 0.43 · 99⌋ = ⌊20.76⌋ = 20
        assertThat(FaceApiCrop.square(face())).containsExactly(10, 20, 99);
    }

    @Test
    void theCropIsThatSquareUnrotatedAndBlackOutsideTheImage() {
        byte[] pixels = new byte[100 * 100 * 3];
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 100; x++) {
                pixels[(y * 100 + x) * 3] = (byte) x;
                pixels[(y * 100 + x) * 3 + 1] = (byte) y;
            }
        }
        RgbImage crop = FaceApiCrop.crop(new RgbImage(100, 100, pixels), face(), 99);
        assertThat(crop.get(0, 0, 0)).isEqualTo(10);
        assertThat(crop.get(0, 0, 1)).isEqualTo(20);
        assertThat(crop.get(89, 79, 0)).isEqualTo(99);
        assertThat(crop.get(89, 79, 1)).isEqualTo(99);
        assertThat(crop.get(95, 50, 0)).isZero(); // x 105: outside the image
        assertThat(crop.get(95, 50, 1)).isZero();
    }
}
