package io.github.facenet4j.training;

import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.TensorBatch;
import java.util.Objects;

/**
 * What a {@link StepObjective} is given at one step.
 *
 * @param step       steps completed before this one (zero-based, as {@link io.github.facenet4j.api.MiningContext} counts)
 * @param indices    the sampled images, as indices into the training set
 * @param images     those images, normalised as the network takes them (e.g. for a second, frozen network)
 * @param embeddings the trained network's embeddings of them, with their identities as labels
 */
public record StepBatch(long step, int[] indices, TensorBatch images, EmbeddingBatch embeddings) {

    public StepBatch {
        Objects.requireNonNull(indices, "indices");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(embeddings, "embeddings");
        if (indices.length != embeddings.size()) {
            throw new IllegalArgumentException(indices.length + " indices for " + embeddings.size() + " embeddings");
        }
    }
}
