package io.github.facenet4j.api;

import java.nio.file.Path;

/**
 * A fitted map of embeddings from one space into another: {@link #map} of a unit vector of the
 * source space is a unit vector of the target space (FaceNet §3: embeddings live on the
 * hypersphere), so mapped embeddings compare with the target's under the target's distance.
 */
public interface SpaceMap {

    /** The {@link EmbeddingAdapter} plugin that fitted it and reads its weights. */
    String adapter();

    EmbeddingSpace source();

    EmbeddingSpace target();

    /**
     * The image of {@code embedding} (of the source's dimension) in the target space, unit length.
     *
     * @throws BadInputException when its dimension is not the source's
     */
    float[] map(float[] embedding);

    /** {@link #map} of every row. */
    default float[][] mapAll(float[][] embeddings) {
        float[][] mapped = new float[embeddings.length][];
        for (int i = 0; i < embeddings.length; i++) {
            mapped[i] = map(embeddings[i]);
        }
        return mapped;
    }

    /** Writes the weights into {@code directory} (which exists), for {@link EmbeddingAdapter#read}. */
    void writeWeights(Path directory);

    /** One line on how well it fitted, e.g. the mean cosine to the targets on its training pairs. */
    String summary();
}
