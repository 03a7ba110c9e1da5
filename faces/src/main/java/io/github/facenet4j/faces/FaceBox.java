package io.github.facenet4j.faces;

import io.github.facenet4j.api.BadInputException;

/**
 * A detected face: an axis-aligned box in image pixels (x, y of the top-left corner) and
 * the detector's confidence in [0, 1].
 */
public record FaceBox(double x, double y, double width, double height, double score) {

    public FaceBox {
        if (!(width >= 0 && height >= 0) || !Double.isFinite(x) || !Double.isFinite(y)
                || !Double.isFinite(width) || !Double.isFinite(height)) {
            throw new BadInputException("A face box needs finite coordinates and a size ≥ 0, got " + x + ", " + y
                    + ", " + width + "×" + height);
        }
    }

    public double area() {
        return width * height;
    }

    /** Intersection over union with another box; 0 when either is empty. */
    public double iou(FaceBox other) {
        double ix = Math.max(0, Math.min(x + width, other.x + other.width) - Math.max(x, other.x));
        double iy = Math.max(0, Math.min(y + height, other.y + other.height) - Math.max(y, other.y));
        double intersection = ix * iy;
        double union = area() + other.area() - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
