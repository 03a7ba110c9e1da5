package io.github.facenet4j.faces.internal;

import io.github.facenet4j.faces.FaceBox;
import io.github.facenet4j.models.TinyFaceDetectorNet.Anchor;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a YOLO v2 output grid into boxes, as face-api 1.7.15 does in
 * {@code TinyYolov2Base.extractBoxes} ({@code src/tinyYolov2/TinyYolov2Base.ts}). For the
 * grid cell (row, col) and anchor a, with its five values tx, ty, tw, th, to:
 * <pre>
 *   score  = σ(to), kept when score &gt; threshold
 *   centre = ((col + σ(tx)) / cells, (row + σ(ty)) / cells)
 *   size   = (e^tw · anchor width / cells, e^th · anchor height / cells)
 * </pre>
 * in units of the square the grid covers, σ(x) = 1 / (1 + e^−x) ({@code src/ops/index.ts}).
 * Boxes come out in the order face-api visits them: row, column, anchor.
 */
public final class YoloGrid {

    private YoloGrid() {
    }

    /**
     * @param output    one sample's network output, NCHW: channel {@code a·5 + k} holds value
     *                  {@code k} (tx, ty, tw, th, to) of anchor {@code a}, over a cells × cells grid
     * @param cells     grid cells per side
     * @param anchors   the anchors, in channel order
     * @param threshold scores must exceed this
     * @param side      length of the grid's side in the units the boxes should have (pixels of
     *                  the padded square image)
     * @return the boxes that pass, with their scores; boxes whose size overflows are left out
     */
    public static List<FaceBox> decode(float[] output, int cells, List<Anchor> anchors, double threshold,
            double side) {
        int plane = cells * cells;
        int values = 5;
        if (output.length != anchors.size() * values * plane) {
            throw new IllegalArgumentException("Expected " + anchors.size() * values * plane + " values for "
                    + anchors.size() + " anchors over " + cells + "×" + cells + " cells, got " + output.length);
        }
        List<FaceBox> boxes = new ArrayList<>();
        for (int row = 0; row < cells; row++) {
            for (int col = 0; col < cells; col++) {
                int cell = row * cells + col;
                for (int a = 0; a < anchors.size(); a++) {
                    int base = a * values * plane + cell;
                    double score = sigmoid(output[base + 4 * plane]);
                    if (!(score > threshold)) {
                        continue;
                    }
                    double cx = (col + sigmoid(output[base])) / cells;
                    double cy = (row + sigmoid(output[base + plane])) / cells;
                    double w = Math.exp(output[base + 2 * plane]) * anchors.get(a).width() / cells;
                    double h = Math.exp(output[base + 3 * plane]) * anchors.get(a).height() / cells;
                    if (Double.isFinite(w * side) && Double.isFinite(h * side)) {
                        boxes.add(new FaceBox((cx - w / 2) * side, (cy - h / 2) * side, w * side, h * side, score));
                    }
                }
            }
        }
        return boxes;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
