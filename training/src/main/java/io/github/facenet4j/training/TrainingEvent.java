package io.github.facenet4j.training;

import io.github.facenet4j.api.json.Json;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Something a user should hear about, with a one-line message: a line of the training log.
 *
 * @param step    steps completed when it happened
 * @param kind    what happened
 * @param message one line for users
 */
public record TrainingEvent(long step, Kind kind, String message) {

    /** Kinds of event. */
    public enum Kind {
        /** Embeddings draw to one point, or every triplet stays active (see {@link CollapseDetection}). */
        COLLAPSE,
        /** No mined triplet has stayed active for a long time: nothing left to learn from. */
        STALLED,
        /** A loss, gradient or embedding was NaN or infinite; the run stopped. */
        NON_FINITE,
        /** A checkpoint was written. */
        CHECKPOINT,
        /** The run continued from a checkpoint. */
        RESUMED,
        /** The run ended (see {@link TrainingResult}). */
        FINISHED;

        /** Whether the event is a warning a front end should show. */
        public boolean warning() {
            return this == COLLAPSE || this == STALLED || this == NON_FINITE;
        }
    }

    public TrainingEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = TrainingHistory.logLine("event", step);
        m.put("kind", kind.name().toLowerCase(Locale.ROOT));
        m.put("message", message);
        return m;
    }

    static TrainingEvent fromJson(Map<String, Object> m) {
        return new TrainingEvent(Json.longValue(m, "step"),
                Kind.valueOf(Json.stringValue(m, "kind").toUpperCase(Locale.ROOT)), Json.stringValue(m, "message"));
    }
}
