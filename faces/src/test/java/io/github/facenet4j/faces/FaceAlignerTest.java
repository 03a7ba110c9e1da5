package io.github.facenet4j.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaceAlignerTest {

    private static final AlignmentTemplate DLIB = AlignmentTemplate.DLIB_68_PADDING_025;

    /** R = x, G = y, B = 200 at pixel (x, y): bilinear sampling reproduces a linear ramp exactly. */
    private static RgbImage ramps(int side) {
        byte[] px = new byte[side * side * 3];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int at = (y * side + x) * 3;
                px[at] = (byte) x;
                px[at + 1] = (byte) y;
                px[at + 2] = (byte) 200;
            }
        }
        return new RgbImage(side, side, px);
    }

    @Test
    void warpSamplesTheImageWhereTheTransformPoints() {
        RgbImage image = ramps(256);
        SimilarityTransform cropToImage = SimilarityTransform.of(1.7, Math.toRadians(35), 120, -20);
        int size = 120;

        RgbImage crop = FaceAligner.warp(image, cropToImage, size);

        int inside = 0;
        int outside = 0;
        for (int v = 0; v < size; v++) {
            for (int u = 0; u < size; u++) {
                Point p = cropToImage.apply(new Point(u, v));
                if (p.x() >= 0 && p.x() <= 255 && p.y() >= 0 && p.y() <= 255) {
                    assertThat(Math.abs(crop.get(u, v, 0) - p.x())).as("R at %d,%d", u, v).isLessThanOrEqualTo(0.5);
                    assertThat(Math.abs(crop.get(u, v, 1) - p.y())).as("G at %d,%d", u, v).isLessThanOrEqualTo(0.5);
                    assertThat(crop.get(u, v, 2)).isEqualTo(200);
                    inside++;
                } else {
                    assertThat(crop.get(u, v, 2)).as("black outside the image at %d,%d", u, v).isZero();
                    outside++;
                }
            }
        }
        assertThat(inside).isGreaterThan(5000);
        assertThat(outside).isGreaterThan(300);
    }

    @Test
    void warpPutsAnImagePointWhereTheInverseTransformSays() {
        // A Gaussian spot (σ = 4 px) at (83.3, 121.6) of a 200×200 image, magnified 1.6× and turned −50°.
        Point spot = new Point(83.3, 121.6);
        byte[] px = new byte[200 * 200 * 3];
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                double d2 = Math.pow(x - spot.x(), 2) + Math.pow(y - spot.y(), 2);
                px[(y * 200 + x) * 3] = (byte) Math.round(250 * Math.exp(-d2 / 32));
            }
        }
        SimilarityTransform cropToImage = SimilarityTransform.of(1 / 1.6, Math.toRadians(-50), 30, 90);

        RgbImage crop = FaceAligner.warp(new RgbImage(200, 200, px), cropToImage, 160);

        double sum = 0;
        double sx = 0;
        double sy = 0;
        for (int v = 0; v < 160; v++) {
            for (int u = 0; u < 160; u++) {
                double w = crop.get(u, v, 0);
                sum += w;
                sx += w * u;
                sy += w * v;
            }
        }
        Point expected = cropToImage.inverse().apply(spot);
        assertThat(sx / sum).isCloseTo(expected.x(), within(0.1));
        assertThat(sy / sum).isCloseTo(expected.y(), within(0.1));
    }

    @Test
    void recoversTheSimilarityThatPlacedTheLandmarks() {
        // Landmarks exactly where a known similarity puts the template (the rest anywhere).
        SimilarityTransform chipToImage = SimilarityTransform.of(2.3, Math.toRadians(12), 400, 250);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < Landmarks.COUNT; i++) {
            int at = DLIB.landmarks().indexOf(i);
            points.add(at >= 0 ? chipToImage.apply(DLIB.points().get(at)) : new Point(i * 7.0, 3.0));
        }

        SimilarityTransform cropToImage = new FaceAligner(DLIB).cropToImage(new Landmarks(points));

        // Output pixel u sits at chip coordinate u · 150 / 149 (dlib's extract_image_chip).
        for (Point p : List.of(new Point(0, 0), new Point(149, 0), new Point(149, 149), new Point(37.5, 80))) {
            Point expected = chipToImage.apply(new Point(p.x() * 150 / 149, p.y() * 150 / 149));
            Point actual = cropToImage.apply(p);
            assertThat(actual.x()).isCloseTo(expected.x(), within(1e-9));
            assertThat(actual.y()).isCloseTo(expected.y(), within(1e-9));
        }
    }

    /**
     * Real faces: landmarks by the real net on sample1's faces, each aligned to the dlib
     * template; the net run again on each aligned crop finds the eyes and mouth where the
     * template puts them, within a few pixels. With {@code -Dfacenet4j.align.out=DIR} the crops are written there
     * as PNGs to look at.
     */
    @Test
    void alignedRealFacesHaveTheirEyesWhereTheTemplateSays() {
        RgbImage image = RealLandmarks.photo("sample1");
        List<RealLandmarks.Face> faces = RealLandmarks.fixture("sample1").faces().stream()
                .filter(f -> f.box().width() > f.box().height()).toList(); // the detector's boxes
        FaceLandmarker landmarker = RealLandmarks.landmarker();
        FaceAligner aligner = new FaceAligner(DLIB);
        double k = DLIB.size() / (DLIB.size() - 1.0);
        Point leftTarget = scale(DLIB.target(36, 37, 38, 39, 40, 41), 1 / k);
        Point rightTarget = scale(DLIB.target(42, 43, 44, 45, 46, 47), 1 / k);
        String out = System.getProperty("facenet4j.align.out");

        assertThat(faces).hasSize(3);
        List<Double> errors = new ArrayList<>();
        for (int f = 0; f < faces.size(); f++) {
            FaceBox box = faces.get(f).box();
            Landmarks landmarks = landmarker.detect(image, box);
            SimilarityTransform cropToImage = aligner.cropToImage(landmarks);

            RgbImage crop = aligner.align(image, landmarks);
            if (out != null) {
                TestPhotos.writePng(crop, Path.of(out, "sample1-face" + f + ".png"));
            }

            // The detector's box carried into the crop, for the net to look at the aligned face.
            Point centre = cropToImage.inverse().apply(new Point(box.x() + box.width() / 2, box.y() + box.height() / 2));
            double w = box.width() / cropToImage.scale();
            double h = box.height() / cropToImage.scale();
            Landmarks again = landmarker.detect(crop, new FaceBox(centre.x() - w / 2, centre.y() - h / 2, w, h, 1));
            double left = again.leftEyeCentre().distance(leftTarget);
            double right = again.rightEyeCentre().distance(rightTarget);
            // Where the fit itself puts the eyes: a real face is not the mean face (it turns, it differs).
            SimilarityTransform imageToCrop = cropToImage.inverse();
            double fitLeft = imageToCrop.apply(landmarks.leftEyeCentre()).distance(leftTarget);
            double fitRight = imageToCrop.apply(landmarks.rightEyeCentre()).distance(rightTarget);
            double moved = Math.max(again.leftEyeCentre().distance(imageToCrop.apply(landmarks.leftEyeCentre())),
                    again.rightEyeCentre().distance(imageToCrop.apply(landmarks.rightEyeCentre())));
            System.out.printf("sample1 face %d: turned %.1f°, scaled %.3f; eye centres found in the crop %.2f and "
                    + "%.2f px from the template's (fit residual %.2f, %.2f; %.2f px from where the fit put them)%n", f,
                    Math.toDegrees(cropToImage.angle()), 1 / cropToImage.scale(), left, right, fitLeft, fitRight, moved);
            assertThat(crop.width()).isEqualTo(150);
            errors.add(left);
            errors.add(right);
        }
        // Within a few pixels (the eye centres are 53 px apart in the crop). Two things keep it from
        // zero: the fit's residual (a face is not the mean face) and the net's own wobble when it
        // sees the face again at another scale and turn (2–3 px here). A wrong turn, scale or
        // shift of the warp would be off by tens of pixels.
        assertThat(errors).allMatch(e -> e < 4);
    }

    private static Point scale(Point p, double s) {
        return new Point(p.x() * s, p.y() * s);
    }
}
