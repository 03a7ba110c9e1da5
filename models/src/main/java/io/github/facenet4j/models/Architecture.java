package io.github.facenet4j.models;

import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.TensorShape;

/**
 * A network architecture that can be built with freshly initialised weights, as the
 * starting point of training ({@link io.github.facenet4j.api.Backend#trainable}). Found by
 * name through {@link Architectures}.
 */
public interface Architecture {

    /** The name users write, e.g. {@code small-cnn}. */
    String name();

    /** One line for listings. */
    String description();

    /** The input shape the architecture is usually trained on. */
    TensorShape defaultInput();

    /** The embedding dimension used when none is given. */
    int defaultDimension();

    /**
     * The graph for {@code input} images and {@code dimension}-d embeddings, its weights
     * initialised deterministically from {@code seed}: the same arguments always give the
     * same weights, bit for bit.
     *
     * @throws io.github.facenet4j.api.ConfigurationException if the shape or dimension does not fit
     */
    Graph initialise(TensorShape input, int dimension, long seed);
}
