package io.github.facenet4j.training;

/**
 * Follows a run as it goes, e.g. to draw a progress bar of step, loss, active triplets and
 * the last VAL@FAR. Called on the training thread, in order; keep each call short.
 */
public interface TrainingListener {

    /**
     * The run starts.
     *
     * @param firstStep steps already done (0, or the checkpoint's step on resume)
     * @param config    the run's configuration
     */
    default void started(long firstStep, TrainerConfig config) {
    }

    /** A step is done. */
    default void step(StepRecord record) {
    }

    /** A validation is done. */
    default void validated(ValidationRecord record) {
    }

    /** Something to tell the user ({@link TrainingEvent.Kind#warning()} for warnings). */
    default void event(TrainingEvent event) {
    }

    /** The run has ended; the checkpoint, log and report are written. */
    default void finished(TrainingResult result) {
    }
}
