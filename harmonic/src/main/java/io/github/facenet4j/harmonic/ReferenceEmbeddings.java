package io.github.facenet4j.harmonic;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.Embedder;
import io.github.facenet4j.api.nn.InputNormalisation;
import io.github.facenet4j.training.data.Dataset;
import java.util.Objects;

/**
 * The frozen reference network's embedding of every training image, by training-set index:
 * v1 never changes, so it embeds each image once (FaceNet §7.1 needs v1(x) for every x a batch
 * draws).
 *
 * @param key  what they were computed from
 * @param rows one unit-length row per training image
 */
public record ReferenceEmbeddings(ReferenceKey key, float[][] rows) {

    public ReferenceEmbeddings {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rows, "rows");
        if (rows.length != key.images()) {
            throw new BadInputException("Reference embeddings hold " + rows.length + " rows, their key says "
                    + key.images() + " images");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != key.dimension()) {
                throw new BadInputException("Reference embedding " + i + " has dimension "
                        + (rows[i] == null ? 0 : rows[i].length) + ", the key says " + key.dimension());
            }
        }
    }

    /**
     * Embeds all of {@code train} with {@code reference}, {@code batchSize} images at a time,
     * each batch normalised as the reference's model card says.
     */
    public static ReferenceEmbeddings compute(ReferenceKey key, Dataset train, InputNormalisation normalisation,
                                              Embedder reference, int batchSize) {
        if (train.size() != key.images()) {
            throw new IllegalArgumentException("key is for " + key.images() + " images, the set has " + train.size());
        }
        if (reference.dimension() != key.dimension()) {
            throw new IllegalArgumentException("key is for dimension " + key.dimension() + ", the network's is "
                    + reference.dimension());
        }
        int n = train.size();
        float[][] rows = new float[n][];
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            float[][] part = reference.embed(train.batch(from, to, normalisation));
            System.arraycopy(part, 0, rows, from, to - from);
        }
        return new ReferenceEmbeddings(key, rows);
    }

    /** The rows of training images {@code indices}, in that order (shared, not copied). */
    public float[][] rows(int[] indices) {
        float[][] out = new float[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = rows[indices[i]];
        }
        return out;
    }
}
