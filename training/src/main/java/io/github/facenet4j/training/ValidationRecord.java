package io.github.facenet4j.training;

import io.github.facenet4j.api.json.Json;
import java.util.Map;

/**
 * The figures of one validation on the held-out set: one line of the training log.
 *
 * @param step          steps completed
 * @param val           VAL at the target FAR (FaceNet §4); NaN without a verification evaluator
 * @param far           the FAR reached at VAL's threshold (≤ the target); NaN without one
 * @param threshold     that threshold: squared L2 distance at which pairs count as the same
 *                      identity (a calibration at the target FAR); NaN without an evaluator
 * @param precisionAt1  leave-one-out 1-NN precision ({@link EmbeddingMetrics#precisionAtOne})
 * @param spread        mean squared distance between embeddings of different images
 * @param images        held-out images embedded
 */
public record ValidationRecord(long step, double val, double far, double threshold, double precisionAt1, double spread, int images) {

    Map<String, Object> toJson() {
        Map<String, Object> m = TrainingHistory.logLine("validation", step);
        m.put("val", val);
        m.put("far", far);
        m.put("threshold", threshold);
        m.put("precision_at_1", precisionAt1);
        m.put("spread", spread);
        m.put("images", (long) images);
        return m;
    }

    static ValidationRecord fromJson(Map<String, Object> m) {
        return new ValidationRecord(Json.longValue(m, "step"), Json.doubleValue(m, "val"), Json.doubleValue(m, "far"),
                m.containsKey("threshold") ? Json.doubleValue(m, "threshold") : Double.NaN,
                Json.doubleValue(m, "precision_at_1"), Json.doubleValue(m, "spread"), (int) Json.longValue(m, "images"));
    }
}
