package io.github.facenet4j.faces.internal;

import io.github.facenet4j.faces.RgbImage;

/**
 * Turns a stored image upright according to its EXIF Orientation value (EXIF 2.32, tag
 * 0x0112): 1 as stored, 2 mirrored left–right, 3 rotated 180°, 4 mirrored top–bottom,
 * 5 transposed (mirrored about the main diagonal), 6 needs a 90° clockwise turn, 7 transversed
 * (mirrored about the other diagonal), 8 needs a 90° counter-clockwise turn. 5…8 swap width
 * and height.
 */
public final class Orientation {

    private Orientation() {
    }

    /** The upright image; {@code image} itself for orientation 1. */
    public static RgbImage apply(RgbImage image, int orientation) {
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("EXIF orientation must be 1…8, got " + orientation);
        }
        if (orientation == 1) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        // The source pixel of output (x, y) is base + x·stepX + y·stepY (in pixels): each
        // orientation is a walk through the stored image from one corner along rows or columns.
        int base;
        int stepX;
        int stepY;
        switch (orientation) {
            case 2 -> { base = w - 1; stepX = -1; stepY = w; }
            case 3 -> { base = w * h - 1; stepX = -1; stepY = -w; }
            case 4 -> { base = (h - 1) * w; stepX = 1; stepY = -w; }
            case 5 -> { base = 0; stepX = w; stepY = 1; }
            case 6 -> { base = (h - 1) * w; stepX = -w; stepY = 1; }
            case 7 -> { base = (h - 1) * w + w - 1; stepX = -w; stepY = -1; }
            default -> { base = w - 1; stepX = w; stepY = -1; } // 8
        }
        boolean swap = orientation >= 5;
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        int o = 0;
        for (int y = 0; y < outH; y++) {
            int s = base + y * stepY;
            for (int x = 0; x < outW; x++, s += stepX) {
                out[o++] = in[3 * s];
                out[o++] = in[3 * s + 1];
                out[o++] = in[3 * s + 2];
            }
        }
        return new RgbImage(outW, outH, out);
    }
}
