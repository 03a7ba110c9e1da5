package io.github.facenet4j.training;

import io.github.facenet4j.api.json.Json;
import java.util.Map;

/**
 * What one optimisation step did: one line of the training log.
 *
 * @param step           steps completed with this one (the first step is 1)
 * @param learningRate   the rate it used
 * @param loss           the loss value
 * @param triplets       triplets mined
 * @param activeTriplets triplets with a positive hinge
 * @param spread         mean squared distance between the batch's embeddings of different rows
 * @param millis         wall-clock time of the step
 */
public record StepRecord(long step, double learningRate, double loss, long triplets, long activeTriplets,
                         double spread, long millis) {

    /** Active triplets over mined triplets; 0 when none were mined. */
    public double activeFraction() {
        return triplets == 0 ? 0 : (double) activeTriplets / triplets;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = TrainingHistory.logLine("step", step);
        m.put("lr", learningRate);
        m.put("loss", loss);
        m.put("triplets", triplets);
        m.put("active", activeTriplets);
        m.put("active_fraction", activeFraction());
        m.put("spread", spread);
        m.put("ms", millis);
        return m;
    }

    static StepRecord fromJson(Map<String, Object> m) {
        return new StepRecord(Json.longValue(m, "step"), Json.doubleValue(m, "lr"), Json.doubleValue(m, "loss"),
                Json.longValue(m, "triplets"), Json.longValue(m, "active"), Json.doubleValue(m, "spread"),
                Json.longValue(m, "ms"));
    }
}
