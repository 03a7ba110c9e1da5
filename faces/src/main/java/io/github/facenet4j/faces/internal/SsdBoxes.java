package io.github.facenet4j.faces.internal;

import io.github.facenet4j.faces.FaceBox;
import io.github.facenet4j.models.SsdMobilenetV1Net;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the SSD MobileNet v1 output ({@link SsdMobilenetV1Net}) into scored boxes as
 * face-api 1.7.15's {@code src/ssdMobilenetv1/outputLayer.ts} does: the anchor's centre
 * (cy, cx) and size (h, w), and the prediction (ty, tx, th, tw) with the box coder's scales
 * 10, 10, 5, 5 (Huang et al., CVPR 2017, TensorFlow Object Detection API's faster_rcnn_box_coder):
 * centre = (cy + ty/10·h, cx + tx/10·w), size = (h·e^(th/5), w·e^(tw/5)); the score is the
 * sigmoid of the "face" logit (class 1).
 */
public final class SsdBoxes {

    private final float[] anchors;

    /** @param anchors {@link SsdMobilenetV1Net#anchors}: ymin, xmin, ymax, xmax per anchor */
    public SsdBoxes(float[] anchors) {
        if (anchors.length != 4 * SsdMobilenetV1Net.ANCHORS) {
            throw new IllegalArgumentException("Expected " + SsdMobilenetV1Net.ANCHORS + " anchors, got "
                    + anchors.length / 4.0);
        }
        this.anchors = anchors.clone();
    }

    /**
     * Every anchor's box and score: per anchor, in anchor order, ymin, xmin, ymax, xmax
     * (relative to the input square) and the score, as face-api's {@code outputLayer} returns them.
     */
    public double[] all(float[] output) {
        double[] all = new double[5 * SsdMobilenetV1Net.ANCHORS];
        int plane = SsdMobilenetV1Net.GRID * SsdMobilenetV1Net.GRID;
        for (SsdMobilenetV1Net.Head head : SsdMobilenetV1Net.HEADS) {
            int a = head.anchors();
            for (int cell = 0; cell < head.side() * head.side(); cell++) {
                int at = (cell / head.side()) * SsdMobilenetV1Net.GRID + cell % head.side();
                for (int k = 0; k < a; k++) {
                    int anchor = head.firstAnchor() + cell * a + k;
                    double[] t = new double[4];
                    for (int j = 0; j < 4; j++) {
                        t[j] = output[(head.channel() + 4 * k + j) * plane + at];
                    }
                    box(anchor, t, all);
                    all[5 * anchor + 4] = sigmoid(output[(head.channel() + 4 * a + SsdMobilenetV1Net.CLASSES * k + 1)
                            * plane + at]);
                }
            }
        }
        return all;
    }

    /**
     * The anchors scoring above {@code minScore}, as boxes in pixels of a square of side
     * {@code side} (not clipped), in reverse anchor order: {@link NonMaxSuppression} then puts
     * the earlier of two equal scores first, as face-api's stable descending sort does.
     */
    public List<FaceBox> decode(float[] output, double minScore, double side) {
        double[] all = all(output);
        List<FaceBox> boxes = new ArrayList<>();
        for (int anchor = SsdMobilenetV1Net.ANCHORS - 1; anchor >= 0; anchor--) {
            int i = 5 * anchor;
            if (all[i + 4] > minScore) {
                boxes.add(new FaceBox(all[i + 1] * side, all[i] * side, (all[i + 3] - all[i + 1]) * side,
                        (all[i + 2] - all[i]) * side, all[i + 4]));
            }
        }
        return boxes;
    }

    /** tfjs' sigmoid in float: 1 / (1 + e^−x). */
    static double sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }

    private void box(int anchor, double[] t, double[] out) {
        double ymin = anchors[4 * anchor];
        double xmin = anchors[4 * anchor + 1];
        double h = anchors[4 * anchor + 2] - ymin;
        double w = anchors[4 * anchor + 3] - xmin;
        double cy = t[0] / 10 * h + (ymin + h / 2);
        double cx = t[1] / 10 * w + (xmin + w / 2);
        double halfH = Math.exp(t[2] / 5) * h / 2;
        double halfW = Math.exp(t[3] / 5) * w / 2;
        out[5 * anchor] = cy - halfH;
        out[5 * anchor + 1] = cx - halfW;
        out[5 * anchor + 2] = cy + halfH;
        out[5 * anchor + 3] = cx + halfW;
    }
}
