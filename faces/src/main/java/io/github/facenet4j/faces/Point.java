package io.github.facenet4j.faces;

/** A position in an image, in pixels: x to the right, y down, integer values at pixel centres. */
public record Point(double x, double y) {

    /** The distance to another point. */
    public double distance(Point other) {
        return Math.hypot(x - other.x, y - other.y);
    }

    /** The mean of the points (their centroid). */
    static Point mean(Iterable<Point> points) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (Point p : points) {
            sx += p.x;
            sy += p.y;
            n++;
        }
        return new Point(sx / n, sy / n);
    }
}
