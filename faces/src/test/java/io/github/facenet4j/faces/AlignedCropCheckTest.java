package io.github.facenet4j.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlignedCropCheckTest {

    private static final AlignmentTemplate DLIB = AlignmentTemplate.DLIB_68_PADDING_025;

    @Test
    void theExpectedBoxIsTheTemplatesMeanFaceWidenedAndLowered() {
        // dlib's 150-pixel chip with padding 0.25: the mean face is 100 chip units from 25 to
        // 125, that is 99.33 output pixels (× 149/150) centred on pixel 74.5; the box is 1.6 ×
        // 99.33 = 158.93 wide and 1.45 × 99.33 = 144.03 high, centred 0.07 × 99.33 = 6.95 lower.
        FaceBox box = AlignedCropCheck.expectedBox(DLIB);
        assertThat(box.width()).isCloseTo(158.933, within(1e-3));
        assertThat(box.height()).isCloseTo(144.033, within(1e-3));
        assertThat(box.x()).isCloseTo(74.5 - 79.467, within(1e-3));
        assertThat(box.y()).isCloseTo(74.5 + 6.953 - 72.017, within(1e-3));

        FaceBox doubled = AlignedCropCheck.expectedBox(AlignmentTemplate.dlib68(300, 0.25));
        assertThat(doubled.width()).isCloseTo(1.6 * 300 / 1.5 * 299 / 300, within(1e-9));
    }

    @Test
    void theCropIsCentredOnABlackSquareTwiceItsSideAndTheLargestBoxIsMovedBack() {
        List<RgbImage> seen = new ArrayList<>();
        FaceDetector detector = image -> {
            seen.add(image);
            return List.of(new FaceBox(80, 90, 40, 40, 0.9), new FaceBox(70, 84, 159, 144, 0.6));
        };
        byte[] white = new byte[150 * 150 * 3];
        java.util.Arrays.fill(white, (byte) 255);

        AlignedCropCheck.Result result = new AlignedCropCheck(detector, DLIB).check(new RgbImage(150, 150, white));

        RgbImage framed = seen.get(0);
        assertThat(framed.width()).isEqualTo(300);
        assertThat(framed.get(74, 150, 0)).isZero();
        assertThat(framed.get(75, 75, 0)).isEqualTo(255);
        assertThat(framed.get(224, 224, 2)).isEqualTo(255);
        assertThat(framed.get(225, 150, 1)).isZero();
        assertThat(result.found()).isEqualTo(new FaceBox(-5, 9, 159, 144, 0.6));
        assertThat(result.iou()).isGreaterThan(0.99);
        assertThat(result.aligned()).isTrue();
    }

    @Test
    void noFaceOrAFaceFarFromTheTemplateIsNotAligned() {
        RgbImage crop = new RgbImage(150, 150, new byte[150 * 150 * 3]);
        AlignedCropCheck.Result none = new AlignedCropCheck(image -> List.of(), DLIB).check(crop);
        assertThat(none.found()).isNull();
        assertThat(none.aligned()).isFalse();

        // Half the expected box, in its centre: IoU 0.25.
        FaceBox e = AlignedCropCheck.expectedBox(DLIB);
        FaceBox half = new FaceBox(75 + e.x() + e.width() / 4, 75 + e.y() + e.height() / 4, e.width() / 2,
                e.height() / 2, 0.9);
        AlignedCropCheck.Result small = new AlignedCropCheck(image -> List.of(half), DLIB).check(crop);
        assertThat(small.iou()).isCloseTo(0.25, within(1e-9));
        assertThat(small.aligned()).isFalse();
    }
}
