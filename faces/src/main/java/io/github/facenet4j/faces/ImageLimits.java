package io.github.facenet4j.faces;

import io.github.facenet4j.api.ConfigurationException;

/**
 * Limits that {@link ImageFiles} checks against an image's header before it decodes any
 * pixel, so a small file that declares a huge picture (a "decompression bomb") is refused
 * instead of exhausting memory.
 *
 * @param maxPixels the largest width × height accepted, in [1, {@value #MAX_MAX_PIXELS}]
 */
public record ImageLimits(long maxPixels) {

    /**
     * 8192 × 8192 = 67,108,864 pixels ("64 Mi pixels"). It admits every common camera's full
     * resolution (61 MP full-frame bodies at 9504 × 6336, 64 MP phone sensors at 9248 × 6936)
     * while keeping the worst case affordable: a 16-bit RGBA PNG of that size is a 512 MiB
     * decoder raster plus the 192 MiB {@link RgbImage}, which fits the default heap (a quarter
     * of the memory) of a 4 GB machine. Face detectors look at a few hundred pixels anyway.
     */
    public static final long DEFAULT_MAX_PIXELS = 8192L * 8192;

    /**
     * A Java array holds at most 2³¹ − 1 elements and the widest raster ImageIO decodes into
     * (16-bit RGBA) keeps four of them per pixel, so larger images cannot be decoded at all.
     */
    public static final long MAX_MAX_PIXELS = Integer.MAX_VALUE / 4;

    public ImageLimits {
        if (maxPixels < 1 || maxPixels > MAX_MAX_PIXELS) {
            throw new ConfigurationException("image limits: maxPixels must be in [1, " + MAX_MAX_PIXELS + "], got "
                    + maxPixels);
        }
    }

    /** {@value #DEFAULT_MAX_PIXELS} pixels. */
    public static ImageLimits defaults() {
        return new ImageLimits(DEFAULT_MAX_PIXELS);
    }
}
