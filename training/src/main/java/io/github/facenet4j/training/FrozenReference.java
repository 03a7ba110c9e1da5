package io.github.facenet4j.training;

import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.Loss;
import io.github.facenet4j.api.LossResult;
import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.TripletMiner;

/**
 * A frozen reference network's share in each training step, for training a network whose
 * embeddings stay comparable with an older one's (FaceNet §7, "harmonic embeddings"). Given
 * to {@link Trainer.Builder#frozenReference}, it replaces the step's "mine, then compute the
 * loss" with its own use of the miner and the loss, e.g. over the trainable embeddings and the
 * reference's embeddings of the same images together.
 */
public interface FrozenReference {

    /**
     * Mines triplets and computes the loss of one step.
     *
     * @param trainingIndices the training-set index of each row of {@code trainable}
     * @param trainable       the trainable network's embeddings of the batch, with labels
     * @return the loss, with a gradient row for each row of {@code trainable} (and no other)
     */
    LossResult mineAndCompute(int[] trainingIndices, EmbeddingBatch trainable, TripletMiner miner, Loss loss,
                              MiningContext context);

    /** What the reference is (e.g. "harmonic-triplet with v1@1.0"): checkpoints are resumed only with the same. */
    String describe();
}
