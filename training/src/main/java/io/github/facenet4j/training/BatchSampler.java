package io.github.facenet4j.training;

import java.util.Map;

/**
 * Chooses the images of each training batch. A batch is a pure function of the sampler's
 * {@link #state()} and the step, so a run resumed from a checkpoint sees exactly the
 * batches an uninterrupted run would have seen.
 */
public interface BatchSampler {

    /**
     * Indices into the training data set for the batch of {@code step} (zero-based).
     * Calling it twice with the same step gives the same indices.
     */
    int[] batch(long step);

    /**
     * Everything the batches depend on, as JSON-ready values (strings, numbers, booleans):
     * a checkpoint records it, and a resumed run must present an equal state.
     */
    Map<String, Object> state();
}
