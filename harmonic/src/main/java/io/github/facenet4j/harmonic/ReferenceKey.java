package io.github.facenet4j.harmonic;

import io.github.facenet4j.api.ConfigurationException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a set of reference embeddings was computed from: they may be reused only for the same
 * key (see {@link ReferenceCache}).
 *
 * @param model        the reference model as "id@version", what a card's {@code compatible-with} lists
 * @param dataset      the training images' description (data set spec, part, subset)
 * @param imagesSha256 SHA-256 of the images' pixels and labels, in order ({@link DatasetDigest})
 * @param images       number of images
 * @param dimension    embedding dimension
 */
public record ReferenceKey(String model, String dataset, String imagesSha256, int images, int dimension) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ReferenceKey {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(imagesSha256, "imagesSha256");
        int at = model.indexOf('@');
        if (at < 1 || at == model.length() - 1) {
            throw new ConfigurationException("A reference model is named id@version, got '" + model + "'");
        }
        if (!SHA256.matcher(imagesSha256).matches()) {
            throw new ConfigurationException("imagesSha256 must be 64 lower-case hex digits, got '" + imagesSha256 + "'");
        }
        if (images < 1 || dimension < 1) {
            throw new ConfigurationException("A reference key needs ≥ 1 image and dimension ≥ 1, got " + images
                    + " images of dimension " + dimension);
        }
    }

    /** The first component in which {@code other} differs, as "model a@1 ≠ b@2"; null when equal. */
    String difference(ReferenceKey other) {
        if (!model.equals(other.model)) {
            return "model " + model + " ≠ " + other.model;
        }
        if (!dataset.equals(other.dataset)) {
            return "data set '" + dataset + "' ≠ '" + other.dataset + "'";
        }
        if (!imagesSha256.equals(other.imagesSha256)) {
            return "images sha256 " + imagesSha256 + " ≠ " + other.imagesSha256;
        }
        if (images != other.images) {
            return images + " images ≠ " + other.images;
        }
        if (dimension != other.dimension) {
            return "dimension " + dimension + " ≠ " + other.dimension;
        }
        return null;
    }
}
