package io.github.facenet4j.faces.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.faces.FaceBox;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Greedy non-maximum suppression on hand-made boxes, and against its definition on random ones. */
class NonMaxSuppressionTest {

    @Test
    void overlapsAboveTheThresholdGoTheBestStays() {
        FaceBox a = new FaceBox(0, 0, 10, 10, 0.9);
        FaceBox b = new FaceBox(1, 0, 10, 10, 0.8); // with a: 90 / 110 = 0.82
        FaceBox c = new FaceBox(20, 20, 10, 10, 0.7); // touches nothing
        FaceBox d = new FaceBox(5, 0, 10, 10, 0.85); // with a: 50 / 150 = 0.33; with b: 60 / 140 = 0.43

        List<FaceBox> kept = NonMaxSuppression.apply(List.of(c, b, a, d), 0.4);

        // a is kept first and drops b; d overlaps only the dropped b by more than 0.4, so it stays.
        assertThat(kept).containsExactly(a, d, c);
    }

    @Test
    void aBoxExactlyAtTheThresholdStays() {
        FaceBox a = new FaceBox(0, 0, 10, 10, 0.9);
        FaceBox b = new FaceBox(0, 0, 10, 4, 0.5); // IoU 40 / 100 = 0.4

        assertThat(NonMaxSuppression.apply(List.of(a, b), 0.4)).containsExactly(a, b);
        assertThat(NonMaxSuppression.apply(List.of(a, b), 0.39)).containsExactly(a);
    }

    @Test
    void ofEqualScoresTheLaterBoxWinsAsInFaceApi() {
        FaceBox first = new FaceBox(0, 0, 10, 10, 0.7);
        FaceBox second = new FaceBox(1, 1, 10, 10, 0.7);

        assertThat(NonMaxSuppression.apply(List.of(first, second), 0.4)).containsExactly(second);
        assertThat(NonMaxSuppression.apply(List.of(), 0.4)).isEmpty();
    }

    /**
     * Greedy NMS with distinct scores is the one subset, in descending score, in which no two
     * kept boxes overlap by more than the threshold and every dropped box overlaps a kept,
     * better box by more: checked against every candidate subset of small random sets.
     */
    @Test
    void matchesTheDefinitionByBruteForce() {
        Random random = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(9);
            double threshold = random.nextDouble();
            List<FaceBox> boxes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                boxes.add(new FaceBox(random.nextInt(30), random.nextInt(30), 1 + random.nextInt(20),
                        1 + random.nextInt(20), (i + random.nextDouble()) / n));
            }
            List<FaceBox> expected = null;
            for (int mask = 0; mask < 1 << n; mask++) {
                if (isGreedyResult(boxes, mask, threshold)) {
                    assertThat(expected).as("only one subset fits").isNull();
                    expected = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        if ((mask & 1 << i) != 0) {
                            expected.add(boxes.get(i));
                        }
                    }
                    expected.sort((x, y) -> Double.compare(y.score(), x.score()));
                }
            }
            assertThat(NonMaxSuppression.apply(boxes, threshold)).as("trial %d", trial).isEqualTo(expected);
        }
    }

    private static boolean isGreedyResult(List<FaceBox> boxes, int mask, double threshold) {
        for (int i = 0; i < boxes.size(); i++) {
            boolean kept = (mask & 1 << i) != 0;
            boolean suppressed = false;
            for (int j = 0; j < boxes.size(); j++) {
                if (j != i && (mask & 1 << j) != 0 && boxes.get(j).score() > boxes.get(i).score()
                        && boxes.get(j).iou(boxes.get(i)) > threshold) {
                    suppressed = true;
                }
            }
            if (kept == suppressed) {
                return false;
            }
        }
        return true;
    }
}
