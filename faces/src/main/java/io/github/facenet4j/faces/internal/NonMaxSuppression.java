package io.github.facenet4j.faces.internal;

import io.github.facenet4j.faces.FaceBox;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy non-maximum suppression as face-api 1.7.15 does it ({@code src/ops/nonMaxSuppression.ts},
 * IoU of {@code src/ops/iou.ts}): take the best-scoring box left, keep it, and drop every
 * remaining box whose intersection over union with it is above the threshold (a box at
 * exactly the threshold stays); repeat. Of equal scores the later box goes first, because
 * face-api sorts ascending (stably) and pops the last.
 */
public final class NonMaxSuppression {

    private NonMaxSuppression() {
    }

    /**
     * @param boxes        candidates with scores
     * @param iouThreshold boxes overlapping a kept one by more than this are dropped
     * @return the kept boxes, best score first
     */
    public static List<FaceBox> apply(List<FaceBox> boxes, double iouThreshold) {
        List<Integer> order = new ArrayList<>();
        for (int i = boxes.size() - 1; i >= 0; i--) {
            order.add(i);
        }
        // Stable: among equal scores the later index stays first.
        order.sort(Comparator.comparingDouble((Integer i) -> boxes.get(i).score()).reversed());
        List<FaceBox> kept = new ArrayList<>();
        boolean[] dropped = new boolean[boxes.size()];
        for (int n = 0; n < order.size(); n++) {
            int best = order.get(n);
            if (dropped[best]) {
                continue;
            }
            FaceBox box = boxes.get(best);
            kept.add(box);
            for (int m = n + 1; m < order.size(); m++) {
                int other = order.get(m);
                if (!dropped[other] && box.iou(boxes.get(other)) > iouThreshold) {
                    dropped[other] = true;
                }
            }
        }
        return kept;
    }
}
