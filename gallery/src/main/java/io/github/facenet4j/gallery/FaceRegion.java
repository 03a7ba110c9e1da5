package io.github.facenet4j.gallery;

/**
 * Where in its source photo an enrolled face was found, in pixels (the detector's box).
 *
 * @param x      left edge
 * @param y      top edge
 * @param width  width &gt; 0
 * @param height height &gt; 0
 */
public record FaceRegion(double x, double y, double width, double height) {

    public FaceRegion {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !(width > 0) || !(height > 0)
                || !Double.isFinite(width) || !Double.isFinite(height)) {
            throw new IllegalArgumentException("a face region needs finite x, y and positive width, height: "
                    + x + "," + y + " " + width + "×" + height);
        }
    }
}
