package io.github.facenet4j.api;

import java.util.Objects;

/**
 * A batch of preprocessed images as one float tensor in NCHW order (batch, channels,
 * height, width), ready for a network. The model card decides the preprocessing; the
 * tensor only carries the result. The array is not copied.
 */
public record TensorBatch(float[] data, int batch, int channels, int height, int width) {

    public TensorBatch {
        Objects.requireNonNull(data, "data");
        if (batch < 1 || channels < 1 || height < 1 || width < 1) {
            throw new BadInputException("Tensor shape must be positive, got [" + batch + ", " + channels
                    + ", " + height + ", " + width + "]");
        }
        long expected = (long) batch * channels * height * width;
        if (data.length != expected) {
            throw new BadInputException("Tensor of shape [" + batch + ", " + channels + ", " + height + ", "
                    + width + "] needs " + expected + " values, got " + data.length);
        }
    }

    /** Values per image: channels × height × width. */
    public int imageSize() {
        return channels * height * width;
    }
}
