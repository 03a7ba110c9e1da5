package io.github.facenet4j.faces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Landmarks against face-api 1.7.15 itself (tfjs 4.22 CPU backend) on the demo photos, for
 * the boxes face-api's TinyFaceDetector found, snapped to whole pixels (fixtures by
 * {@code src/test/node/face-api-landmarks.mjs}), and one taller-than-wide box per photo. Same
 * weights, same crop, resize and post-processing: the points agree to float rounding, ~1e-5 px.
 */
class FaceLandmarkerParityTest {

    static final List<String> SAMPLES = RealLandmarks.SAMPLES;

    @ParameterizedTest
    @FieldSource("SAMPLES")
    void landmarksMatchFaceApi(String sample) {
        RealLandmarks.Fixture fixture = RealLandmarks.fixture(sample);
        RgbImage image = RealLandmarks.photo(sample);
        assertThat(TestPhotos.sha256(image.pixels())).as("decoded pixels of %s.jpg are those face-api saw", sample)
                .isEqualTo(fixture.rgbSha256());

        List<Landmarks> found = RealLandmarks.landmarker().detect(image,
                fixture.faces().stream().map(RealLandmarks.Face::box).toList());

        assertThat(found).hasSameSizeAs(fixture.faces()).isNotEmpty();
        for (int f = 0; f < found.size(); f++) {
            Landmarks expected = fixture.faces().get(f).landmarks();
            double sum = 0;
            double max = 0;
            for (int i = 0; i < Landmarks.COUNT; i++) {
                double d = found.get(f).point(i).distance(expected.point(i));
                sum += d;
                max = Math.max(max, d);
            }
            System.out.printf("%s face %d (box %.0f×%.0f): mean %.2e px, max %.2e px from face-api%n", sample, f,
                    fixture.faces().get(f).box().width(), fixture.faces().get(f).box().height(), sum / 68, max);
            assertThat(sum / Landmarks.COUNT).as("%s face %d mean point error (px)", sample, f).isLessThanOrEqualTo(1e-3);
            assertThat(max).as("%s face %d largest point error (px)", sample, f).isLessThanOrEqualTo(1e-3);
        }
    }
}
