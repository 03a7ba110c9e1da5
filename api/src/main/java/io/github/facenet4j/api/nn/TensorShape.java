package io.github.facenet4j.api.nn;

import io.github.facenet4j.api.ConfigurationException;

/**
 * The shape of one sample's activation in a {@link Graph}: channels × height × width (the
 * batch dimension of NCHW is left out; every node maps each sample on its own). A dense
 * layer's output is {@code C × 1 × 1}.
 */
public record TensorShape(int channels, int height, int width) {

    public TensorShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new ConfigurationException("Tensor shape must be positive, got " + channels + "×" + height
                    + "×" + width);
        }
    }

    /** Values per sample: channels × height × width. */
    public int size() {
        return channels * height * width;
    }

    /** Values per channel: height × width. */
    public int plane() {
        return height * width;
    }

    @Override
    public String toString() {
        return channels + "×" + height + "×" + width;
    }
}
