package io.github.facenet4j.faces;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import io.github.facenet4j.models.TinyFaceDetectorNet;
import java.util.Map;

/**
 * Settings of the {@link TinyFaceDetector}. The thresholds default to face-api 1.7.15's
 * ({@code src/tinyYolov2/TinyYolov2Options.ts}, {@code src/tinyFaceDetector/const.ts}); the
 * input size defaults to {@value #DEFAULT_INPUT_SIZE}, not face-api's 416: on the pack's six
 * group photos (22 clearly visible faces) 512 finds 21 with no false box, 416 finds 19 and one
 * false box, 608 finds 20 (fixtures of {@code TinyFaceDetectorParityTest}), for 1.5 times the
 * work of 416.
 *
 * @param inputSize      side of the square the image is scaled to, a positive multiple of 32;
 *                       the network must have been built for it. Larger finds smaller faces,
 *                       at a cost growing with its square (face-api: 416; here 512 by default)
 * @param scoreThreshold a box is kept when its score exceeds this, in (0, 1) (face-api: 0.5)
 * @param iouThreshold   of two boxes overlapping by more than this intersection over union,
 *                       the lower-scoring one is dropped, in [0, 1] (face-api: 0.4)
 * @param minFaceSize    boxes narrower or lower than this many image pixels (before clipping
 *                       to the image) are dropped before overlaps are suppressed, ≥ 0 (0: none,
 *                       as face-api)
 */
public record TinyFaceDetectorConfig(int inputSize, double scoreThreshold, double iouThreshold,
        double minFaceSize) {

    /** The default input size ({@link TinyFaceDetectorNet#DEFAULT_INPUT_SIZE}). */
    public static final int DEFAULT_INPUT_SIZE = TinyFaceDetectorNet.DEFAULT_INPUT_SIZE;
    public static final String INPUT_SIZE = "input-size";
    public static final String SCORE_THRESHOLD = "score-threshold";
    public static final String IOU_THRESHOLD = "iou-threshold";
    public static final String MIN_FACE_SIZE = "min-face-size";
    private static final String OWNER = "detector tiny";

    public TinyFaceDetectorConfig {
        if (inputSize < TinyFaceDetectorNet.STRIDE || inputSize % TinyFaceDetectorNet.STRIDE != 0) {
            throw new ConfigurationException(OWNER + ": " + INPUT_SIZE + " must be a positive multiple of "
                    + TinyFaceDetectorNet.STRIDE + " (face-api: " + TinyFaceDetectorNet.FACE_API_INPUT_SIZE
                    + "), got " + inputSize);
        }
        if (!(scoreThreshold > 0 && scoreThreshold < 1)) {
            throw new ConfigurationException(OWNER + ": " + SCORE_THRESHOLD + " must be in (0, 1), got "
                    + scoreThreshold);
        }
        if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
            throw new ConfigurationException(OWNER + ": " + IOU_THRESHOLD + " must be in [0, 1], got " + iouThreshold);
        }
        if (!(minFaceSize >= 0) || !Double.isFinite(minFaceSize)) {
            throw new ConfigurationException(OWNER + ": " + MIN_FACE_SIZE + " must be a finite number of pixels ≥ 0, got "
                    + minFaceSize);
        }
    }

    /** Input size {@value #DEFAULT_INPUT_SIZE}, score threshold 0.5, IoU threshold 0.4, no minimum face size. */
    public static TinyFaceDetectorConfig defaults() {
        return new TinyFaceDetectorConfig(DEFAULT_INPUT_SIZE, 0.5, 0.4, 0);
    }

    /** The same settings with another input size. */
    public TinyFaceDetectorConfig withInputSize(int size) {
        return new TinyFaceDetectorConfig(size, scoreThreshold, iouThreshold, minFaceSize);
    }

    /** Reads {@value #INPUT_SIZE}, {@value #SCORE_THRESHOLD}, {@value #IOU_THRESHOLD} and {@value #MIN_FACE_SIZE}. */
    public static TinyFaceDetectorConfig from(Map<String, ?> properties) {
        Settings settings = Settings.forPlugin(PluginKind.of(FaceDetectorFactory.class), "tiny", properties);
        TinyFaceDetectorConfig d = defaults();
        int inputSize = settings.getInt(INPUT_SIZE, d.inputSize());
        double scoreThreshold = settings.getDouble(SCORE_THRESHOLD, d.scoreThreshold());
        double iouThreshold = settings.getDouble(IOU_THRESHOLD, d.iouThreshold());
        double minFaceSize = settings.getDouble(MIN_FACE_SIZE, d.minFaceSize());
        settings.refuseUnknownKeys();
        return new TinyFaceDetectorConfig(inputSize, scoreThreshold, iouThreshold, minFaceSize);
    }
}
