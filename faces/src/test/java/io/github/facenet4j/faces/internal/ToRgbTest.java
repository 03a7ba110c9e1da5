package io.github.facenet4j.faces.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.faces.RgbImage;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;

/** Conversions the format tests do not reach through ImageIO's readers. */
class ToRgbTest {

    @Test
    void greyIsTakenAsStoredNotAsLinearLight() {
        BufferedImage grey = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 128);
        RgbImage image = ToRgb.convert(grey);
        assertThat(image.get(0, 0, 0)).isEqualTo(128);
        assertThat(image.get(0, 0, 1)).isEqualTo(128);
        assertThat(image.get(0, 0, 2)).isEqualTo(128);
    }

    @Test
    void premultipliedAlphaIsCompositedOverWhite() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB_PRE);
        // Stored premultiplied: colour·α. (100, 0, 50) at α = 128/255 over white: 100/255·255 + 127 = 227, …
        image.getRaster().setPixel(0, 0, new int[] {100, 0, 50, 128});
        image.getRaster().setPixel(1, 0, new int[] {0, 0, 0, 0});
        RgbImage rgb = ToRgb.convert(image);
        assertThat(new int[] {rgb.get(0, 0, 0), rgb.get(0, 0, 1), rgb.get(0, 0, 2)}).containsExactly(227, 127, 177);
        assertThat(new int[] {rgb.get(1, 0, 0), rgb.get(1, 0, 1), rgb.get(1, 0, 2)}).containsExactly(255, 255, 255);
    }

    @Test
    void otherColourSpacesAreConvertedToSrgb() {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB), false,
                false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(1, 1);
        raster.setPixel(0, 0, new int[] {65535, 32768, 0});
        RgbImage rgb = ToRgb.convert(new BufferedImage(model, raster, false, null));
        // The sRGB transfer function (IEC 61966-2-1): 1.055·L^(1/2.4) − 0.055 for L > 0.0031308.
        double half = 1.055 * Math.pow(32768 / 65535.0, 1 / 2.4) - 0.055;
        assertThat(rgb.get(0, 0, 0)).isBetween(253, 255);
        assertThat(rgb.get(0, 0, 1)).isCloseTo((int) Math.round(half * 255), org.assertj.core.data.Offset.offset(2));
        assertThat(rgb.get(0, 0, 2)).isBetween(0, 2);
    }
}
