package io.github.facenet4j.training;

import io.github.facenet4j.api.Loss;
import io.github.facenet4j.api.LossResult;
import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.MiningResult;
import io.github.facenet4j.api.TripletMiner;
import java.util.Objects;

/**
 * What one training step optimises: from a batch's embeddings, a loss value and dL/dE for every
 * row, which the trainer checks for NaN/Inf and hands to the backend. FaceNet's, the default
 * ({@link #minedTriplets}), mines triplets inside the batch (§3.2) and applies the triplet loss
 * to them (§3.1, eq. 2). An objective that needs more than the embeddings (say a frozen
 * reference network's embeddings of the same images) reads the images from the
 * {@link StepBatch}, and may add its own term to what {@link #minedTriplets} computes.
 */
public interface StepObjective {

    /** The name of {@link #minedTriplets}. */
    String MINED_TRIPLETS = "mined-triplets";

    /**
     * A short name; a checkpoint written with an objective other than the default records it,
     * and a resume with another is refused.
     */
    String name();

    /** The loss of this step; its triplet counts feed the log and collapse detection. */
    LossResult compute(StepBatch batch);

    /** Mines triplets with {@code miner} in {@code MiningContext(step, seed)}, then applies {@code loss}. */
    static StepObjective minedTriplets(TripletMiner miner, Loss loss, long seed) {
        Objects.requireNonNull(miner, "miner");
        Objects.requireNonNull(loss, "loss");
        return new StepObjective() {
            @Override
            public String name() {
                return MINED_TRIPLETS;
            }

            @Override
            public LossResult compute(StepBatch batch) {
                MiningResult mined = miner.mine(batch.embeddings(), new MiningContext(batch.step(), seed));
                return loss.compute(batch.embeddings(), mined.triplets());
            }
        };
    }
}
