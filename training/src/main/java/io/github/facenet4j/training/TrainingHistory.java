package io.github.facenet4j.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the training log holds, in order: what the report draws.
 *
 * @param steps       one record per step
 * @param validations one record per validation
 * @param events      events
 */
public record TrainingHistory(List<StepRecord> steps, List<ValidationRecord> validations,
                              List<TrainingEvent> events) {

    public TrainingHistory {
        steps = List.copyOf(steps);
        validations = List.copyOf(validations);
        events = List.copyOf(events);
    }

    /** A new line of the training log: its {@code type} and {@code step} first, as every line has them. */
    static Map<String, Object> logLine(String type, long step) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("step", step);
        return m;
    }
}
