package io.github.facenet4j.faces.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.faces.RgbImage;
import org.junit.jupiter.api.Test;

/** Padding and tfjs-style bilinear resizing, worked by hand. */
class SquareInputTest {

    private static RgbImage image(int width, int height, int... rgb) {
        byte[] bytes = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            bytes[i] = (byte) rgb[i];
        }
        return new RgbImage(width, height, bytes);
    }

    private static float[] channel(float[] nchw, int c, int size) {
        float[] plane = new float[size * size];
        System.arraycopy(nchw, c * size * size, plane, 0, plane.length);
        return plane;
    }

    @Test
    void aWideImageIsPaddedBelowAndUpscaledFromTopLeftCorners() {
        // 2×1 image: R of (0,0) is 10, of (1,0) is 50. Padded square of side 2: [[10, 50], [0, 0]].
        // Size 4: output i reads source i·2/4 = 0, 0.5, 1, 1.5; ⌈1.5⌉ = 2 is clamped to 1.
        RgbImage img = image(2, 1, 10, 20, 30, 50, 60, 70);

        float[] out = SquareInput.resize(img, 4);

        assertThat(channel(out, 0, 4)).containsExactly(
                10, 30, 50, 50,
                5, 15, 25, 25,
                0, 0, 0, 0,
                0, 0, 0, 0);
        assertThat(channel(out, 2, 4)).containsExactly(
                30, 50, 70, 70,
                15, 25, 35, 35,
                0, 0, 0, 0,
                0, 0, 0, 0);
    }

    @Test
    void aTallImageIsPaddedAtTheRightAndDownscaledWithoutHalfPixelCentres() {
        // 1×3 image, G = 30, 60, 90 from the top; padded square of side 3, columns 1 and 2 zero.
        // Size 2: output i reads source i·3/2 = 0, 1.5, so row 1 is the mean of rows 1 and 2.
        RgbImage img = image(1, 3, 0, 30, 0, 0, 60, 0, 0, 90, 0);

        float[] out = SquareInput.resize(img, 2);

        // Column 1 reads source column 1.5: between the zero columns 1 and 2.
        assertThat(channel(out, 1, 2)).containsExactly(30, 0, 75, 0);
    }

    @Test
    void aSquareImageOfTheInputSizeIsUnchanged() {
        RgbImage img = image(2, 2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);

        float[] out = SquareInput.resize(img, 2);

        assertThat(out).containsExactly(1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12);
    }

    @Test
    void normalizeSubtractsEachChannelsMeanAndDividesBy255() {
        float[] nchw = {255, 0, 100, 100, 50, 50};

        SquareInput.normalize(nchw, new float[] {0, 100, 50});

        assertThat(nchw).containsExactly(1f, 0f, 0f, 0f, 0f, 0f);
        float[] other = {117.001f + 25.5f, 0, 0};
        SquareInput.normalize(other, new float[] {117.001f, 0, 0});
        assertThat(other[0]).isEqualTo((117.001f + 25.5f - 117.001f) / 255f);
    }
}
