package io.github.facenet4j.faces;

import io.github.facenet4j.api.BadInputException;
import java.util.List;

/**
 * The 68 face landmarks of the iBUG 300-W markup (Sagonas et al. 2013), as face-api's and
 * dlib's 68-point models number them: jaw 0–16, eyebrows 17–26, nose 27–35, eyes 36–41 and
 * 42–47, mouth 48–67 (outer lip 48–59, inner 60–67). "Left" and "right" are as seen in the
 * image, as face-api names them ({@code FaceLandmarks68.getLeftEye} is points 36–41): the
 * left eye is the subject's right eye.
 *
 * @param points the 68 points in image pixels, in that order
 */
public record Landmarks(List<Point> points) {

    /** Number of points. */
    public static final int COUNT = 68;

    public Landmarks {
        points = List.copyOf(points);
        if (points.size() != COUNT) {
            throw new BadInputException("68-point landmarks need 68 points, got " + points.size());
        }
        for (Point p : points) {
            if (!Double.isFinite(p.x()) || !Double.isFinite(p.y())) {
                throw new BadInputException("Landmarks must be finite, got " + p);
            }
        }
    }

    /** Point {@code i}, 0…67. */
    public Point point(int i) {
        return points.get(i);
    }

    /** Centre of the eye on the image's left (points 36–41). */
    public Point leftEyeCentre() {
        return Point.mean(points.subList(36, 42));
    }

    /** Centre of the eye on the image's right (points 42–47). */
    public Point rightEyeCentre() {
        return Point.mean(points.subList(42, 48));
    }

    /** Tip of the nose (point 30). */
    public Point noseTip() {
        return points.get(30);
    }

    /** Centre of the mouth: the mean of its 20 points (48–67), as face-api takes it for alignment. */
    public Point mouthCentre() {
        return Point.mean(points.subList(48, 68));
    }
}
