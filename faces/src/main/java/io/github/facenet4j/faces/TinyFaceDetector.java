package io.github.facenet4j.faces;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.faces.internal.NonMaxSuppression;
import io.github.facenet4j.faces.internal.SquareInput;
import io.github.facenet4j.faces.internal.YoloGrid;
import io.github.facenet4j.models.TinyFaceDetectorNet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * face-api's Tiny Face Detector around a {@link Network} compiled from
 * {@link TinyFaceDetectorNet#graph} by any backend. {@link #detect} follows face-api 1.7.15's
 * {@code TinyYolov2Base.detect} ({@code src/tinyYolov2/TinyYolov2Base.ts}) on a tensor input:
 * <ol>
 * <li>zero-pad the image at the bottom or right to a square and resize it to the input size
 *     as tfjs' {@code resizeBilinear} does ({@code SquareInput});</li>
 * <li>subtract face-api's mean RGB and divide by 255;</li>
 * <li>run the network; decode its grid with the five anchors ({@code YoloGrid});</li>
 * <li>keep boxes scoring above the threshold, drop those under the minimum face size, and
 *     suppress overlaps ({@code NonMaxSuppression});</li>
 * <li>clip each box to the image; a box lying wholly in the padding is dropped.</li>
 * </ol>
 * Grid units map to pixels through the padded square's side, max(width, height). face-api
 * instead goes through the image's shorter side scaled to the input size and rounded
 * ({@code computeReshapedDimensions} in {@code src/utils/index.ts}), which stretches its
 * boxes along that axis by up to 0.5 / that rounded size (0.12 % for a 1920×1280 photo at
 * 416; box IoU with ours ≥ 0.99 on the demo photos); face-api also returns boxes unclipped.
 * Otherwise the boxes are face-api's.
 *
 * <p>Thread-safe if the network is (every {@link Network} is).
 */
public final class TinyFaceDetector implements FaceDetector {

    private final Network network;
    private final TinyFaceDetectorConfig config;
    private final int cells;

    /**
     * @param network the graph of {@link TinyFaceDetectorNet#graph} for {@code config.inputSize()},
     *                compiled by a backend; the caller keeps ownership and closes it
     * @param config  the settings
     * @throws ConfigurationException if the network does not take {@code 3 × size × size} inputs
     *                                and give the detector's grid for that size
     */
    public TinyFaceDetector(Network network, TinyFaceDetectorConfig config) {
        this.network = Objects.requireNonNull(network, "network");
        this.config = Objects.requireNonNull(config, "config");
        int size = config.inputSize();
        this.cells = TinyFaceDetectorNet.gridSize(size);
        TensorShape expected = new TensorShape(3, size, size);
        int outputs = TinyFaceDetectorNet.CHANNELS * cells * cells;
        if (!network.inputShape().equals(expected) || network.outputSize() != outputs) {
            throw new ConfigurationException("detector tiny: input-size " + size + " needs the network built for "
                    + size + " (input " + expected + ", " + outputs + " outputs), but this one takes "
                    + network.inputShape() + " and gives " + network.outputSize() + " outputs");
        }
    }

    /** The settings. */
    public TinyFaceDetectorConfig config() {
        return config;
    }

    @Override
    public List<FaceBox> detect(RgbImage image) {
        Objects.requireNonNull(image, "image");
        int size = config.inputSize();
        float[] input = SquareInput.normalize(SquareInput.resize(image, size), TinyFaceDetectorNet.meanRgb());
        float[] output = network.run(new TensorBatch(input, 1, 3, size, size))[0];
        double side = Math.max(image.width(), image.height());
        List<FaceBox> candidates = new ArrayList<>();
        for (FaceBox box : YoloGrid.decode(output, cells, TinyFaceDetectorNet.ANCHORS, config.scoreThreshold(), side)) {
            if (box.width() >= config.minFaceSize() && box.height() >= config.minFaceSize()) {
                candidates.add(box);
            }
        }
        List<FaceBox> faces = new ArrayList<>();
        for (FaceBox box : NonMaxSuppression.apply(candidates, config.iouThreshold())) {
            FaceBox clipped = clip(box, image.width(), image.height());
            if (clipped != null) {
                faces.add(clipped);
            }
        }
        return List.copyOf(faces);
    }

    /** The part of a box inside a width × height image, or null when none is. */
    static FaceBox clip(FaceBox box, int width, int height) {
        double left = Math.max(box.x(), 0);
        double top = Math.max(box.y(), 0);
        double right = Math.min(box.x() + box.width(), width);
        double bottom = Math.min(box.y() + box.height(), height);
        if (!(right > left && bottom > top)) {
            return null;
        }
        return new FaceBox(left, top, right - left, bottom - top, box.score());
    }
}
