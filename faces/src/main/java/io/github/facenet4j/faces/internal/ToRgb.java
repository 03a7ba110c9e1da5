package io.github.facenet4j.faces.internal;

import io.github.facenet4j.faces.RgbImage;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Copies a decoded {@link BufferedImage} into 8-bit RGB. Samples of any depth are rescaled
 * to 0…255 with rounding; grey is repeated into R, G and B; transparency is composited over
 * white (a cut-out portrait was meant to be seen on a page, and fully transparent pixels
 * often hold arbitrary colours that dropping alpha would expose).
 *
 * <p>Sample values of sRGB and grey images are taken as they are stored. {@link
 * BufferedImage#getRGB} is avoided on purpose: it treats Java's grey colour space as linear
 * and brightens every grey PNG and JPEG. Images in any other colour space (an embedded ICC
 * profile, say) are first converted to sRGB with {@link ColorConvertOp}.
 */
public final class ToRgb {

    private ToRgb() {
    }

    public static RgbImage convert(BufferedImage image) {
        ColorModel model = image.getColorModel();
        ColorSpace space = model.getColorSpace();
        boolean grey = space.getType() == ColorSpace.TYPE_GRAY && model.getNumColorComponents() == 1;
        if (!(model instanceof IndexColorModel) && !space.isCS_sRGB() && !grey) {
            image = toSrgb(image);
            model = image.getColorModel();
        }
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
        Raster raster = image.getRaster();
        if (model instanceof IndexColorModel palette) {
            int[] row = new int[w];
            for (int y = 0, o = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    int i = row[x];
                    double alpha = palette.getAlpha(i) / 255.0;
                    out[o++] = over(palette.getRed(i) / 255.0, alpha, false);
                    out[o++] = over(palette.getGreen(i) / 255.0, alpha, false);
                    out[o++] = over(palette.getBlue(i) / 255.0, alpha, false);
                }
            }
        } else {
            copySamples(raster, model, out);
        }
        return new RgbImage(w, h, out);
    }

    /** Bands are the colour model's components in order: R, G, B or grey, then alpha if any. */
    private static void copySamples(Raster raster, ColorModel model, byte[] out) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        int colours = model.getNumColorComponents();
        boolean hasAlpha = model.hasAlpha();
        boolean premultiplied = model.isAlphaPremultiplied();
        double[] scale = new double[bands];
        for (int b = 0; b < bands; b++) {
            scale[b] = 1.0 / ((1L << model.getComponentSize(b)) - 1);
        }
        int[] row = new int[w * bands];
        for (int y = 0, o = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0, p = 0; x < w; x++, p += bands) {
                double alpha = hasAlpha ? row[p + colours] * scale[colours] : 1.0;
                for (int c = 0; c < 3; c++) {
                    int b = colours == 1 ? 0 : c;
                    out[o++] = over(row[p + b] * scale[b], alpha, premultiplied);
                }
            }
        }
    }

    /**
     * Colour {@code c} with opacity {@code alpha} (both 0…1) over white, as a byte:
     * c·α + (1 − α), or c + (1 − α) when c is already multiplied by α.
     */
    private static byte over(double c, double alpha, boolean premultiplied) {
        double v = (premultiplied ? c : c * alpha) + (1 - alpha);
        return (byte) Math.round(Math.min(1.0, Math.max(0.0, v)) * 255);
    }

    private static BufferedImage toSrgb(BufferedImage image) {
        int type = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage srgb = new BufferedImage(image.getWidth(), image.getHeight(), type);
        new ColorConvertOp(null).filter(image, srgb);
        return srgb;
    }
}
