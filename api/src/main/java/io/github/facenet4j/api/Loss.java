package io.github.facenet4j.api;

/**
 * A loss over triplets of embeddings that returns its value and the analytic gradient
 * dL/dE for every embedding. A backend trains on any such loss by back-propagating the
 * surrogate Σ E⊙G with G = dL/dE held constant, whose gradient is exactly G.
 */
@PluginKind.Label("loss")
public interface Loss extends Plugin {

    /**
     * @param batch    embeddings (labels are not read)
     * @param triplets valid triplets for {@code batch}
     */
    LossResult compute(EmbeddingBatch batch, Triplets triplets);
}
