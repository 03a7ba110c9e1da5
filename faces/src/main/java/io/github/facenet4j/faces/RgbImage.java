package io.github.facenet4j.faces;

import io.github.facenet4j.api.BadInputException;
import java.util.Objects;

/**
 * A decoded picture: 8-bit RGB, interleaved, row-major, top-left origin, already turned
 * upright (EXIF orientation applied). The array is not copied.
 *
 * @param width  pixels per row
 * @param height rows
 * @param pixels {@code width × height × 3} bytes: R, G, B of (0,0), then (1,0), …
 */
public record RgbImage(int width, int height, byte[] pixels) {

    public RgbImage {
        Objects.requireNonNull(pixels, "pixels");
        if (width < 1 || height < 1) {
            throw new BadInputException("Image size must be positive, got " + width + "×" + height);
        }
        if (pixels.length != (long) width * height * 3) {
            throw new BadInputException("A " + width + "×" + height + " RGB image needs " + (long) width * height * 3
                    + " bytes, got " + pixels.length);
        }
    }

    /** Channel {@code c} (0 R, 1 G, 2 B) of pixel (x, y), 0…255. */
    public int get(int x, int y, int c) {
        return Byte.toUnsignedInt(pixels[(y * width + x) * 3 + c]);
    }

    /**
     * Bilinear sample at a real position whose integer points are pixel centres; positions
     * outside the image read the nearest edge pixel. Writes R, G, B (0…255) into {@code rgb}.
     */
    public void bilinear(double x, double y, float[] rgb) {
        double cx = Math.min(Math.max(x, 0), width - 1);
        double cy = Math.min(Math.max(y, 0), height - 1);
        int x0 = (int) Math.floor(cx);
        int y0 = (int) Math.floor(cy);
        int x1 = Math.min(x0 + 1, width - 1);
        int y1 = Math.min(y0 + 1, height - 1);
        double fx = cx - x0;
        double fy = cy - y0;
        for (int c = 0; c < 3; c++) {
            double top = get(x0, y0, c) * (1 - fx) + get(x1, y0, c) * fx;
            double bottom = get(x0, y1, c) * (1 - fx) + get(x1, y1, c) * fx;
            rgb[c] = (float) (top * (1 - fy) + bottom * fy);
        }
    }

    /**
     * This image resized to {@code width × height} by bilinear sampling that maps pixel
     * centres onto pixel centres, each value rounded to the nearest 8-bit level.
     */
    public RgbImage resize(int width, int height) {
        if (width < 1 || height < 1) {
            throw new BadInputException("Image size must be positive, got " + width + "×" + height);
        }
        byte[] out = new byte[width * height * 3];
        float[] rgb = new float[3];
        double sx = (double) this.width / width;
        double sy = (double) this.height / height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                bilinear((x + 0.5) * sx - 0.5, (y + 0.5) * sy - 0.5, rgb);
                for (int c = 0; c < 3; c++) {
                    out[(y * width + x) * 3 + c] = (byte) Math.round(rgb[c]);
                }
            }
        }
        return new RgbImage(width, height, out);
    }

    /** The {@code width × height} part of this image whose top-left pixel is (x, y), copied. */
    public RgbImage crop(int x, int y, int width, int height) {
        if (x < 0 || y < 0 || width < 1 || height < 1 || x + width > this.width || y + height > this.height) {
            throw new BadInputException("A crop of " + width + "×" + height + " at (" + x + ", " + y
                    + ") does not fit a " + this.width + "×" + this.height + " image");
        }
        byte[] out = new byte[width * height * 3];
        for (int row = 0; row < height; row++) {
            System.arraycopy(pixels, ((y + row) * this.width + x) * 3, out, row * width * 3, width * 3);
        }
        return new RgbImage(width, height, out);
    }

    /**
     * Writes the pixel values 0…255 as planes into {@code target} from {@code offset}, the
     * layout an {@link io.github.facenet4j.api.nn.InputNormalisation} reads: for one channel a
     * grey plane (ITU-R BT.601 luma, 0.299 R + 0.587 G + 0.114 B), for three the R, G and B planes.
     *
     * @param channels 1 or 3
     */
    public void planes(int channels, float[] target, int offset) {
        if (channels != 1 && channels != 3) {
            throw new BadInputException("An RGB image gives 1 (grey) or 3 (RGB) planes, not " + channels);
        }
        int plane = width * height;
        for (int p = 0; p < plane; p++) {
            int r = Byte.toUnsignedInt(pixels[3 * p]);
            int g = Byte.toUnsignedInt(pixels[3 * p + 1]);
            int b = Byte.toUnsignedInt(pixels[3 * p + 2]);
            if (channels == 1) {
                target[offset + p] = 0.299f * r + 0.587f * g + 0.114f * b;
            } else {
                target[offset + p] = r;
                target[offset + plane + p] = g;
                target[offset + 2 * plane + p] = b;
            }
        }
    }
}
