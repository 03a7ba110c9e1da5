package io.github.facenet4j.api;

/**
 * A network that maps preprocessed face images to embeddings f(x) with ‖f(x)‖₂ = 1
 * (FaceNet §3, Fig. 2). A backend owns only this: decoding, detection, alignment and
 * everything after the embedding is plain Java elsewhere. Implementations are thread-safe.
 */
public interface Embedder extends AutoCloseable {

    /** Embedding dimension d (FaceNet uses 128, §5.4). */
    int dimension();

    /**
     * Embeds a batch.
     *
     * @return {@code batch.batch()} rows of {@link #dimension()} values, each of unit L2 norm
     */
    float[][] embed(TensorBatch batch);

    /** Releases native resources. */
    @Override
    void close();
}
