package io.github.facenet4j.training;

import java.util.List;

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
}
