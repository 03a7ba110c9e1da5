package io.github.facenet4j.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.BadInputException;
import org.junit.jupiter.api.Test;

class RgbImageTest {

    /** A one-row image whose red values are {@code reds}, green and blue 0. */
    private static RgbImage row(int... reds) {
        byte[] pixels = new byte[3 * reds.length];
        for (int x = 0; x < reds.length; x++) {
            pixels[3 * x] = (byte) reds[x];
        }
        return new RgbImage(reds.length, 1, pixels);
    }

    private static int[] reds(RgbImage image) {
        int[] reds = new int[image.width()];
        for (int x = 0; x < reds.length; x++) {
            reds[x] = image.get(x, 0, 0);
        }
        return reds;
    }

    @Test
    void upscalingMapsPixelCentresOntoPixelCentresAndClampsAtTheEdges() {
        // output x samples source x' = (x + 0.5) / 2 − 0.5: −0.25 (edge), 0.25, 0.75, 1.25 (edge)
        assertThat(reds(row(0, 100).resize(4, 1))).containsExactly(0, 25, 75, 100);
    }

    @Test
    void downscalingSamplesBetweenSourcePixels() {
        // output x samples source x' = 2x + 0.5: halfway between pixels 0 and 1, then 2 and 3
        assertThat(reds(row(0, 100, 200, 40).resize(2, 1))).containsExactly(50, 120);
    }

    @Test
    void resizedValuesAreRoundedToTheNearestLevel() {
        // 0.25 and 0.75 of the way from 0 to 1
        assertThat(reds(row(0, 1).resize(4, 1))).containsExactly(0, 0, 1, 1);
    }

    @Test
    void planesAreRedGreenBlueOrLuma() {
        RgbImage two = new RgbImage(2, 1, new byte[] {(byte) 200, 100, 50, 1, 2, 3});
        float[] rgb = new float[8];
        two.planes(3, rgb, 2);
        assertThat(rgb).containsExactly(0f, 0f, 200f, 1f, 100f, 2f, 50f, 3f);
        float[] grey = new float[2];
        two.planes(1, grey, 0);
        assertThat((double) grey[0]).isCloseTo(124.2, within(1e-4));
        assertThat((double) grey[1]).isCloseTo(0.299 + 1.174 + 0.342, within(1e-6));
    }

    @Test
    void badSizesAreOneLine() {
        assertThatThrownBy(() -> row(1, 2).resize(0, 3)).isInstanceOf(BadInputException.class)
                .hasMessage("Image size must be positive, got 0×3");
        assertThatThrownBy(() -> row(1, 2).planes(2, new float[4], 0)).isInstanceOf(BadInputException.class)
                .hasMessage("An RGB image gives 1 (grey) or 3 (RGB) planes, not 2");
    }

    @Test
    void aCropCopiesThePixelsOfItsRectangle() {
        RgbImage image = row(10, 20, 30, 40, 50);
        RgbImage crop = image.crop(1, 0, 3, 1);
        assertThat(reds(crop)).containsExactly(20, 30, 40);
        crop.pixels()[0] = 99;
        assertThat(image.get(1, 0, 0)).isEqualTo(20);
    }

    @Test
    void aCropOutsideTheImageIsRefusedNamingBoth() {
        assertThatThrownBy(() -> row(1, 2, 3).crop(2, 0, 2, 1)).isInstanceOf(BadInputException.class)
                .hasMessage("A crop of 2×1 at (2, 0) does not fit a 3×1 image");
    }
}
