package io.github.facenet4j.api.nn;

import io.github.facenet4j.api.ConfigurationException;

/**
 * Zero rows and columns added around each channel before a convolution or pooling window
 * slides (explicit, so that "same" and "valid" of the frameworks the weights come from
 * map to numbers here and nothing is left to a backend's convention).
 */
public record Padding(int top, int left, int bottom, int right) {

    /** No padding ("valid"). */
    public static final Padding NONE = new Padding(0, 0, 0, 0);

    public Padding {
        if (top < 0 || left < 0 || bottom < 0 || right < 0) {
            throw new ConfigurationException("Padding must be ≥ 0, got " + top + ", " + left + ", " + bottom
                    + ", " + right);
        }
    }

    /** The same padding on all four sides. */
    public static Padding of(int all) {
        return new Padding(all, all, all, all);
    }

    /**
     * TensorFlow's "same" padding for a square window: output size ⌈in / stride⌉, the odd
     * extra zero going to the bottom and right.
     */
    public static Padding same(int height, int width, int kernel, int stride) {
        int padH = Math.max((ceilDiv(height, stride) - 1) * stride + kernel - height, 0);
        int padW = Math.max((ceilDiv(width, stride) - 1) * stride + kernel - width, 0);
        return new Padding(padH / 2, padW / 2, padH - padH / 2, padW - padW / 2);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    boolean isZero() {
        return top == 0 && left == 0 && bottom == 0 && right == 0;
    }

    @Override
    public String toString() {
        return isZero() ? "0" : top + "," + left + "," + bottom + "," + right;
    }
}
