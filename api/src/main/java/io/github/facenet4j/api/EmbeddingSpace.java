package io.github.facenet4j.api;

import java.util.Objects;

/**
 * The space embeddings live in: the model card's id and version, and the dimension.
 * Distances between embeddings of two spaces mean nothing unless a card declares the two
 * compatible or an adapter maps one into the other, so a gallery holds one space and refuses
 * another, and a comparison across two spaces needs a path between them.
 *
 * @param model     the model card's id, e.g. {@code dlib-resnet-v1}
 * @param version   the model card's version
 * @param dimension the embedding size d ≥ 1
 */
public record EmbeddingSpace(String model, String version, int dimension) {

    public EmbeddingSpace {
        if (model == null || model.isBlank() || version == null || version.isBlank()) {
            throw new IllegalArgumentException("an embedding space needs a model id and version, got '" + model
                    + "' '" + version + "'");
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("an embedding space needs a dimension ≥ 1, got " + dimension);
        }
    }

    /** {@code dlib-resnet-v1 1.0 (128-d)}: how messages name the space. */
    public String describe() {
        return model + " " + version + " (" + dimension + "-d)";
    }

    /** {@code dlib-resnet-v1@1.0}: how a card's {@code compatible-with} list names the space. */
    public String name() {
        return name(model, version);
    }

    /** {@code MODEL@VERSION}, the spelling of {@link #name()}. */
    public static String name(String model, String version) {
        return model + "@" + version;
    }

    /**
     * Refuses a vector of another dimension with one line that says where it came from.
     *
     * @param what the vector, for the message (e.g. {@code row 3 of Q.csv})
     */
    public void requireDimension(float[] vector, String what) {
        Objects.requireNonNull(vector, "vector");
        if (vector.length != dimension) {
            throw new BadInputException(what + " has " + vector.length + " components, but the gallery holds "
                    + describe() + " embeddings; embed with the gallery's model");
        }
    }
}
