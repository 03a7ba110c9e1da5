package io.github.facenet4j.api;

/**
 * Chooses training triplets online from a mini-batch (FaceNet §3.2). Implementations are
 * stateless between calls (see {@link MiningContext}) and use memory O(n²) in the batch
 * size: they never list all n³ triplets.
 */
@PluginKind.Label("miner")
public interface TripletMiner extends Plugin {

    /**
     * Mines triplets from {@code batch}.
     *
     * @param batch   embeddings and identity labels
     * @param context training step and seed
     * @return valid triplets for {@code batch} and mining counts
     */
    MiningResult mine(EmbeddingBatch batch, MiningContext context);
}
