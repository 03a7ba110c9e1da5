package io.github.facenet4j.faces;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.faces.internal.NonMaxSuppression;
import io.github.facenet4j.faces.internal.SsdBoxes;
import io.github.facenet4j.faces.internal.SquareInput;
import io.github.facenet4j.models.SsdMobilenetV1Net;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * face-api's SSD MobileNet v1 face detector around a {@link Network} compiled from
 * {@link SsdMobilenetV1Net#graph} by any backend. {@link #detect} follows face-api 1.7.15's
 * {@code SsdMobilenetv1.locateFaces} ({@code src/ssdMobilenetv1/SsdMobilenetv1.ts}) on a
 * tensor input:
 * <ol>
 * <li>zero-pad the image at the bottom or right to a square and resize it to 512 × 512 as
 *     tfjs' {@code resizeBilinear} does ({@code SquareInput}, as for the tiny detector);</li>
 * <li>map pixels to [−1, 1]: value / 127.5 − 1;</li>
 * <li>run the network; decode each anchor's box and score ({@code SsdBoxes});</li>
 * <li>keep scores above the minimum confidence, suppress overlaps above the IoU threshold
 *     ({@code NonMaxSuppression}), keep at most the maximum number of results;</li>
 * <li>clip each box to the image; a box lying wholly in the padding is dropped.</li>
 * </ol>
 * Boxes relative to the padded square map to pixels through its side, max(width, height);
 * face-api goes through the image's shorter side scaled to 512 and rounded, as described for
 * {@link TinyFaceDetector}.
 *
 * <p>Thread-safe if the network is (every {@link Network} is).
 */
public final class SsdFaceDetector implements FaceDetector {

    private final Network network;
    private final SsdFaceDetectorConfig config;
    private final SsdBoxes boxes;

    /**
     * @param network the graph of {@link SsdMobilenetV1Net#graph}, compiled by a backend; the
     *                caller keeps ownership and closes it
     * @param anchors {@link SsdMobilenetV1Net#anchors} of the same weights
     * @param config  the settings
     * @throws ConfigurationException if the network does not take 3 × 512 × 512 inputs and give
     *                                the predictors' outputs
     */
    public SsdFaceDetector(Network network, float[] anchors, SsdFaceDetectorConfig config) {
        this.network = Objects.requireNonNull(network, "network");
        this.config = Objects.requireNonNull(config, "config");
        this.boxes = new SsdBoxes(anchors);
        int size = SsdMobilenetV1Net.INPUT_SIZE;
        TensorShape expected = new TensorShape(3, size, size);
        int outputs = SsdMobilenetV1Net.OUTPUT_CHANNELS * SsdMobilenetV1Net.GRID * SsdMobilenetV1Net.GRID;
        if (!network.inputShape().equals(expected) || network.outputSize() != outputs) {
            throw new ConfigurationException("detector ssd needs the SSD MobileNet v1 network (input " + expected + ", "
                    + outputs + " outputs), but this one takes " + network.inputShape() + " and gives "
                    + network.outputSize() + " outputs");
        }
    }

    /** The settings. */
    public SsdFaceDetectorConfig config() {
        return config;
    }

    @Override
    public List<FaceBox> detect(RgbImage image) {
        Objects.requireNonNull(image, "image");
        int size = SsdMobilenetV1Net.INPUT_SIZE;
        float[] input = SquareInput.resize(image, size);
        for (int i = 0; i < input.length; i++) {
            input[i] = input[i] / 127.5f - 1f; // src/ssdMobilenetv1/SsdMobilenetv1.ts, in float as tfjs
        }
        float[] output = network.run(new TensorBatch(input, 1, 3, size, size))[0];
        double side = Math.max(image.width(), image.height());
        List<FaceBox> candidates = boxes.decode(output, config.minConfidence(), side);
        List<FaceBox> kept = NonMaxSuppression.apply(candidates, config.iouThreshold());
        List<FaceBox> faces = new ArrayList<>();
        for (FaceBox box : kept.subList(0, Math.min(kept.size(), config.maxResults()))) {
            FaceBox clipped = TinyFaceDetector.clip(box, image.width(), image.height());
            if (clipped != null) {
                faces.add(clipped);
            }
        }
        return List.copyOf(faces);
    }
}
