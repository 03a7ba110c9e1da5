package io.github.facenet4j.faces;

import io.github.facenet4j.api.ConfigurationException;

/**
 * Settings of the {@link MultiScaleDetector}. A detector scales the whole image to its input
 * square, so the smallest face it finds grows with the image: at its default input size it
 * finds face boxes down to about {@code reach} times the side of the image it is given. The
 * wrapper looks for faces down to {@code max(smallestShare × longer side, smallestPixels)} and,
 * when the whole image does not reach that far, runs the detector again on overlapping square
 * tiles small enough that it does.
 *
 * @param reach          the smallest face box the detector finds reliably, as a fraction of the
 *                       side of the image it is given, in (0, 1). The tiny detector at 512:
 *                       0.1 (its smallest anchor is 1.6 of its 32-pixel cells, 51 pixels of 512;
 *                       on messi5.jpg its 45-pixel box scores 0.44 at 0.082 of the side, 0.64 at
 *                       0.095, 0.88 at 0.15)
 * @param smallestShare  faces down to this fraction of the image's longer side are looked for, in (0, 1)
 * @param smallestPixels … and down to this many pixels (the larger of the two counts), ≥ 1
 * @param maxTiles       at most this many tiles along the longer side, ≥ 1 (1: the whole image only)
 * @param iouThreshold   boxes of the whole image and the tiles overlapping by more than this
 *                       intersection over union are one face, in [0, 1]
 */
public record MultiScaleConfig(double reach, double smallestShare, double smallestPixels, int maxTiles,
        double iouThreshold) {

    public MultiScaleConfig {
        if (!(reach > 0 && reach < 1)) {
            throw new ConfigurationException("multi-scale detection: reach must be in (0, 1), got " + reach);
        }
        if (!(smallestShare > 0 && smallestShare < 1)) {
            throw new ConfigurationException("multi-scale detection: smallest share must be in (0, 1), got "
                    + smallestShare);
        }
        if (!(smallestPixels >= 1) || !Double.isFinite(smallestPixels)) {
            throw new ConfigurationException("multi-scale detection: smallest pixels must be a finite number ≥ 1, got "
                    + smallestPixels);
        }
        if (maxTiles < 1) {
            throw new ConfigurationException("multi-scale detection: max tiles must be ≥ 1, got " + maxTiles);
        }
        if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
            throw new ConfigurationException("multi-scale detection: IoU threshold must be in [0, 1], got "
                    + iouThreshold);
        }
    }

    /**
     * Reach 0.1 (the tiny detector at 512), faces down to 1/16 of the longer side or 20 pixels,
     * at most 3 tiles a side, face-api's IoU threshold 0.4.
     */
    public static MultiScaleConfig defaults() {
        return new MultiScaleConfig(0.1, 1.0 / 16, 20, 3, 0.4);
    }
}
