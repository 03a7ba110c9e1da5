package io.github.facenet4j.faces.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.faces.FaceBox;
import io.github.facenet4j.models.TinyFaceDetectorNet.Anchor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding the YOLO v2 grid, one cell at a time, worked by hand. */
class YoloGridTest {

    private static final List<Anchor> ANCHORS = List.of(new Anchor(1, 2), new Anchor(4, 3));
    private static final int CELLS = 2;
    private static final int PLANE = CELLS * CELLS;

    /** A 2×2 grid, two anchors, every score logit −20 (σ ≈ 2·10⁻⁹). */
    private static float[] background() {
        float[] out = new float[ANCHORS.size() * 5 * PLANE];
        for (int a = 0; a < ANCHORS.size(); a++) {
            Arrays.fill(out, (a * 5 + 4) * PLANE, (a * 5 + 5) * PLANE, -20f);
        }
        return out;
    }

    private static void set(float[] out, int anchor, int row, int col, float tx, float ty, float tw, float th,
            float to) {
        float[] v = {tx, ty, tw, th, to};
        for (int k = 0; k < 5; k++) {
            out[(anchor * 5 + k) * PLANE + row * CELLS + col] = v[k];
        }
    }

    @Test
    void oneCellWithKnownLogitsGivesItsBox() {
        float[] out = background();
        // Row 1, column 0, anchor 1 (4 × 3 cells): σ(0) = 0.5, σ(ln 3) = 0.75, e^(ln 0.5) = 0.5,
        // e^0 = 1, score σ(ln 4) = 0.8.
        set(out, 1, 1, 0, 0f, (float) Math.log(3), (float) Math.log(0.5), 0f, (float) Math.log(4));

        List<FaceBox> boxes = YoloGrid.decode(out, CELLS, ANCHORS, 0.5, 100);

        // Centre ((0 + 0.5) / 2, (1 + 0.75) / 2) = (0.25, 0.875); size (0.5·4 / 2, 1·3 / 2) = (1, 1.5),
        // times a side of 100: centre (25, 87.5), size 100 × 150, corner (−25, 12.5).
        assertThat(boxes).hasSize(1);
        FaceBox b = boxes.get(0);
        assertThat(b.x()).isCloseTo(-25, within(1e-4));
        assertThat(b.y()).isCloseTo(12.5, within(1e-4));
        assertThat(b.width()).isCloseTo(100, within(1e-4));
        assertThat(b.height()).isCloseTo(150, within(1e-4));
        assertThat(b.score()).isCloseTo(0.8, within(1e-7));
    }

    @Test
    void scoresMustExceedTheThresholdAndBoxesComeRowColumnAnchor() {
        float[] out = background();
        set(out, 0, 1, 1, 0, 0, 0, 0, 2f);
        set(out, 1, 0, 1, 0, 0, 0, 0, 1f);
        set(out, 0, 0, 1, 0, 0, 0, 0, 3f);
        set(out, 1, 1, 0, 0, 0, 0, 0, 0f); // σ(0) = 0.5: not above 0.5

        List<FaceBox> boxes = YoloGrid.decode(out, CELLS, ANCHORS, 0.5, 1);

        assertThat(boxes).extracting(FaceBox::score).containsExactly(
                YoloGrid.sigmoid(3), YoloGrid.sigmoid(1), YoloGrid.sigmoid(2));
        // Anchor 0 at (row 0, col 1): centre (0.75, 0.25), size (0.5, 1).
        assertThat(boxes.get(0).x()).isCloseTo(0.5, within(1e-12));
        assertThat(boxes.get(0).y()).isCloseTo(-0.25, within(1e-12));
        assertThat(YoloGrid.decode(out, CELLS, ANCHORS, 0.99, 1)).isEmpty();
    }

    @Test
    void boxesWhoseSizeOverflowsAreLeftOut() {
        float[] out = background();
        set(out, 0, 0, 0, 0, 0, 800f, 0, 5f);

        assertThat(YoloGrid.decode(out, CELLS, ANCHORS, 0.5, 1)).isEmpty();
    }
}
