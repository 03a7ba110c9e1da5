package io.github.facenet4j.api;

import java.util.Objects;

/**
 * What an evaluator reads.
 *
 * @param embeddings labelled embeddings (the gallery, for identification)
 */
public record EvaluationInput(EmbeddingBatch embeddings) {
    public EvaluationInput {
        Objects.requireNonNull(embeddings, "embeddings");
    }
}
