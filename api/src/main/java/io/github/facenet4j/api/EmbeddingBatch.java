package io.github.facenet4j.api;

import java.util.Objects;

/**
 * A mini-batch of embeddings with one identity label per row: the unit miners, losses
 * and evaluators work on. FaceNet mines triplets online inside such batches (§3.2).
 *
 * <p>The arrays are not copied, for speed on large batches: the caller must not change
 * them while the batch is in use. The constructor checks the shape and that every value
 * is finite, so downstream code never meets a ragged row or a NaN.
 *
 * @param embeddings {@code n} rows of the same dimension {@code d ≥ 1}
 * @param labels     {@code n} identity labels; equal labels mean the same identity
 */
public record EmbeddingBatch(float[][] embeddings, int[] labels) {

    public EmbeddingBatch {
        Objects.requireNonNull(embeddings, "embeddings");
        Objects.requireNonNull(labels, "labels");
        if (embeddings.length != labels.length) {
            throw new BadInputException("A batch needs one label per embedding: got "
                    + embeddings.length + " embeddings and " + labels.length + " labels.");
        }
        if (embeddings.length == 0) {
            throw new BadInputException("A batch needs at least one embedding, got none.");
        }
        int dimension = embeddings[0] == null ? 0 : embeddings[0].length;
        if (dimension == 0) {
            throw new BadInputException("Embedding 0 is empty; embeddings need at least one dimension.");
        }
        for (int i = 0; i < embeddings.length; i++) {
            float[] row = embeddings[i];
            if (row == null || row.length != dimension) {
                throw new BadInputException("Embedding " + i + " has dimension "
                        + (row == null ? 0 : row.length) + ", expected " + dimension + " like embedding 0.");
            }
            for (int k = 0; k < dimension; k++) {
                if (!Float.isFinite(row[k])) {
                    throw new BadInputException("Embedding " + i + " has a non-finite value (" + row[k]
                            + ") at component " + k + ".");
                }
            }
        }
    }

    /** Number of embeddings {@code n}. */
    public int size() {
        return embeddings.length;
    }

    /** Embedding dimension {@code d}. */
    public int dimension() {
        return embeddings[0].length;
    }
}
