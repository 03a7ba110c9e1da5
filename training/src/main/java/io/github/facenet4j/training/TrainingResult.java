package io.github.facenet4j.training;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run ended.
 *
 * @param outcome        why it ended
 * @param steps          steps completed (counting those before a resume)
 * @param lastValidation the last validation, if any
 * @param checkpoint     the last good checkpoint, if one was written (by this run or the one resumed)
 * @param checkpointStep the step that checkpoint holds, or −1
 * @param message        one line for users
 */
public record TrainingResult(Outcome outcome, long steps, Optional<ValidationRecord> lastValidation,
                             Optional<Path> checkpoint, long checkpointStep, String message) {

    /** Why a run ended. */
    public enum Outcome {
        /** The configured steps are done. */
        COMPLETED,
        /** The time budget ran out. */
        TIME_BUDGET,
        /** {@link Trainer#requestStop()} was called (e.g. by a shutdown hook). */
        INTERRUPTED,
        /** Collapse detection fired with {@link CollapseDetection#stop()} set. */
        COLLAPSED,
        /** A NaN or infinite value appeared; the checkpoint is the last good one. */
        NON_FINITE;

        /** Whether the run ended for a reason a user must act on. */
        public boolean failed() {
            return this == COLLAPSED || this == NON_FINITE;
        }
    }

    public TrainingResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(lastValidation, "lastValidation");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(message, "message");
    }
}
