package io.github.facenet4j.faces;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import java.util.Map;

/**
 * Settings of the {@link SsdFaceDetector}; the defaults are face-api 1.7.15's
 * ({@code src/ssdMobilenetv1/SsdMobilenetv1Options.ts}, and the IoU threshold fixed in
 * {@code SsdMobilenetv1.locateFaces}). The input size is not a setting: the network's anchors
 * are for 512 × 512 only.
 *
 * @param minConfidence a box is kept when its score exceeds this, in (0, 1) (face-api: 0.5)
 * @param iouThreshold  of two boxes overlapping by more than this intersection over union,
 *                      the lower-scoring one is dropped, in [0, 1] (face-api: 0.5)
 * @param maxResults    at most this many faces, the best-scoring, ≥ 1 (face-api: 100)
 */
public record SsdFaceDetectorConfig(double minConfidence, double iouThreshold, int maxResults) {

    public static final String MIN_CONFIDENCE = "min-confidence";
    public static final String IOU_THRESHOLD = "iou-threshold";
    public static final String MAX_RESULTS = "max-results";
    /** The plugin's name. */
    public static final String NAME = "ssd";
    private static final String OWNER = "detector " + NAME;

    public SsdFaceDetectorConfig {
        if (!(minConfidence > 0 && minConfidence < 1)) {
            throw new ConfigurationException(OWNER + ": " + MIN_CONFIDENCE + " must be in (0, 1), got " + minConfidence);
        }
        if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
            throw new ConfigurationException(OWNER + ": " + IOU_THRESHOLD + " must be in [0, 1], got " + iouThreshold);
        }
        if (maxResults < 1) {
            throw new ConfigurationException(OWNER + ": " + MAX_RESULTS + " must be at least 1, got " + maxResults);
        }
    }

    /** Min confidence 0.5, IoU threshold 0.5, at most 100 faces. */
    public static SsdFaceDetectorConfig defaults() {
        return new SsdFaceDetectorConfig(0.5, 0.5, 100);
    }

    /** Reads {@value #MIN_CONFIDENCE}, {@value #IOU_THRESHOLD} and {@value #MAX_RESULTS}. */
    public static SsdFaceDetectorConfig from(Map<String, ?> properties) {
        Settings settings = Settings.forPlugin(PluginKind.of(FaceDetectorFactory.class), NAME, properties);
        SsdFaceDetectorConfig d = defaults();
        double minConfidence = settings.getDouble(MIN_CONFIDENCE, d.minConfidence());
        double iouThreshold = settings.getDouble(IOU_THRESHOLD, d.iouThreshold());
        int maxResults = settings.getInt(MAX_RESULTS, d.maxResults());
        settings.refuseUnknownKeys();
        return new SsdFaceDetectorConfig(minConfidence, iouThreshold, maxResults);
    }
}
