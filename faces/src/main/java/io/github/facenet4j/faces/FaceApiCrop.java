package io.github.facenet4j.faces;

/**
 * face-api's crop for its face descriptor, without rotation, as the alternative to
 * {@link FaceAligner} (kept for the comparison in docs/BENCHMARKS.md, "Alignment"). face-api
 * 1.7.15 computes descriptors on {@code landmarks.align(null, {useDlibAlignment: true})}
 * ({@code src/classes/FaceLandmarks.ts}, {@code alignDlib}, constants in
 * {@code FaceLandmarks68.ts}): with d the mean distance of the two eye centres to the mouth
 * centre, a square of side ⌊d / 0.45⌋ whose top-left corner is ⌊c − (0.5, 0.43)·side⌋ (at
 * least 0), c the mean of the three centres; the recognition net then resizes it to its
 * input. Here the square is sampled straight to {@code size × size} (tfjs' resize reads
 * source i·side / size), black outside the image where face-api would clip the square and pad it.
 */
public final class FaceApiCrop {

    private FaceApiCrop() {
    }

    /** The square face-api cuts for a face with these landmarks: x, y, side, in image pixels. */
    public static int[] square(Landmarks landmarks) {
        Point left = landmarks.leftEyeCentre();
        Point right = landmarks.rightEyeCentre();
        Point mouth = landmarks.mouthCentre();
        double eyesToMouth = (mouth.distance(left) + mouth.distance(right)) / 2;
        int side = Math.max(1, (int) Math.floor(eyesToMouth / 0.45));
        double cx = (left.x() + right.x() + mouth.x()) / 3;
        double cy = (left.y() + right.y() + mouth.y()) / 3;
        int x = (int) Math.floor(Math.max(0, cx - 0.5 * side));
        int y = (int) Math.floor(Math.max(0, cy - 0.43 * side));
        return new int[] {x, y, side};
    }

    /** That square of {@code image}, upright, as a {@code size × size} crop. */
    public static RgbImage crop(RgbImage image, Landmarks landmarks, int size) {
        int[] square = square(landmarks);
        return FaceAligner.warp(image, new SimilarityTransform((double) square[2] / size, 0, square[0], square[1]), size);
    }
}
