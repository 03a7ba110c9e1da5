package io.github.facenet4j.distribution.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.FaceNet;
import io.github.facenet4j.faces.FacePipeline.Face;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on real photos through the library facade (plain runtime, ONNX
 * Runtime, the default model pack): faces per sample photo, and the verification sanity
 * checks — the same face after rescale, blur or brightness change stays well under the
 * threshold, different people stay above it.
 */
class FaceNetFacadeTest {

    private static FaceNet faceNet;
    private static List<List<Face>> original;

    @TempDir
    static Path dir;

    @BeforeAll
    static void open() {
        faceNet = FaceNet.builder().open();
        original = SamplePhotos.all().stream().map(faceNet::faces).toList();
    }

    @AfterAll
    static void close() {
        faceNet.close();
    }

    @Test
    void findsTheFacesOfEverySamplePhoto() {
        // Counted by eye: 22 faces; the default detector (ssd) finds them all, the turned head of sample2 included.
        assertThat(original.stream().map(List::size)).containsExactly(3, 3, 3, 4, 5, 4);
        for (List<Face> faces : original) {
            for (int i = 0; i < faces.size(); i++) {
                Face face = faces.get(i);
                assertThat(face.index()).isEqualTo(i);
                assertThat(face.crop().width()).isEqualTo(150);
                assertThat(face.embedding()).hasSize(128);
                if (i > 0) {
                    assertThat(face.box().area()).isLessThanOrEqualTo(faces.get(i - 1).box().area());
                }
            }
        }
    }

    /** For every face of the altered photos, the distance to the nearest face of the same original photo. */
    private static List<Double> nearestOriginal(String name, UnaryOperator<BufferedImage> change) {
        List<Double> distances = new ArrayList<>();
        List<Path> photos = SamplePhotos.all();
        for (int p = 0; p < photos.size(); p++) {
            Path altered = SamplePhotos.write(change.apply(SamplePhotos.read(photos.get(p))),
                    dir.resolve(name + "-" + p + ".png"));
            for (Face face : faceNet.faces(altered)) {
                distances.add(original.get(p).stream().mapToDouble(o -> FaceNet.distance(o.embedding(), face.embedding()))
                        .min().orElseThrow());
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d faces, nearest-original distances up to %.4f (threshold %.2f)%n", name,
                distances.size(), distances.stream().mapToDouble(Double::doubleValue).max().orElse(-1), faceNet.threshold());
        return distances;
    }

    @Test
    void sameFaceRescaledBlurredOrBrightenedStaysWellUnderTheThreshold() {
        for (Map.Entry<String, UnaryOperator<BufferedImage>> change : Map.<String, UnaryOperator<BufferedImage>>of(
                "half", SamplePhotos::half, "blur", SamplePhotos::blur, "bright", SamplePhotos::brighter).entrySet()) {
            // One face of sample2 (the ssd detector's fifth face) comes to 0.067 in the changed
            // copies, above half the threshold but still under it; every other face stays well under.
            assertThat(nearestOriginal(change.getKey(), change.getValue())).as(change.getKey())
                    .hasSizeGreaterThanOrEqualTo(20).allMatch(d -> d < faceNet.threshold())
                    .filteredOn(d -> d >= faceNet.threshold() / 2).hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void differentPeopleStayAboveTheThreshold() {
        List<Face> all = original.stream().flatMap(List::stream).toList();
        List<Double> below = new ArrayList<>();
        double nearest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                double d = FaceNet.distance(all.get(i).embedding(), all.get(j).embedding());
                nearest = Math.min(nearest, d);
                if (faceNet.verify(all.get(i), all.get(j), faceNet.threshold()).same()) {
                    below.add(d);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d pairs of sample faces, nearest %.4f, %d at or below the threshold %.2f: %s%n",
                all.size() * (all.size() - 1) / 2, nearest, below.size(), faceNet.threshold(), below);
        // The 22 faces are 21 or 22 people: the blonde woman of sample1 (#0) and of sample3 (#0)
        // look alike and are the one pair allowed under the threshold.
        assertThat(below).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void aPhotoWithoutAFaceIsOneClearLine() {
        BufferedImage grey = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Path blank = SamplePhotos.write(grey, dir.resolve("blank.png"));
        assertThat(faceNet.faces(blank)).isEmpty();
        assertThatThrownBy(() -> faceNet.largestFace(blank)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("No face found in " + blank + "; ");
    }

    @Test
    void anAlignedCropEmbedsLikeThePipelinesOwnCrop() {
        Face face = original.get(0).get(0);
        BufferedImage crop = new BufferedImage(150, 150, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 150; y++) {
            for (int x = 0; x < 150; x++) {
                crop.setRGB(x, y, face.crop().get(x, y, 0) << 16 | face.crop().get(x, y, 1) << 8 | face.crop().get(x, y, 2));
            }
        }
        Face again = faceNet.alignedCrop(SamplePhotos.write(crop, dir.resolve("crop.png")));
        assertThat(FaceNet.distance(face.embedding(), again.embedding())).isLessThan(1e-9);
    }
}
