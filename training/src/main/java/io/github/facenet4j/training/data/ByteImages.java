package io.github.facenet4j.training.data;

import io.github.facenet4j.api.nn.TensorShape;
import java.util.List;

/**
 * Images held in memory as unsigned bytes, one after another (C×H×W each), read as
 * value / 255: how the IDX files of MNIST and Fashion-MNIST store them (70,000 images of
 * 28×28 take 55 MB).
 */
public final class ByteImages implements Dataset {

    private final TensorShape shape;
    private final byte[] pixels;
    private final int[] labels;
    private final List<String> names;
    private final String description;

    /**
     * @param shape       every image's shape
     * @param pixels      {@code labels.length × shape.size()} bytes; not copied
     * @param labels      identity id of each image, in {@code 0 … names.size() − 1}; not copied
     * @param names       identity names by id
     * @param description where the images come from
     */
    public ByteImages(TensorShape shape, byte[] pixels, int[] labels, List<String> names, String description) {
        if ((long) labels.length * shape.size() != pixels.length) {
            throw new IllegalArgumentException(labels.length + " images of " + shape + " need "
                    + (long) labels.length * shape.size() + " bytes, got " + pixels.length);
        }
        for (int label : labels) {
            if (label < 0 || label >= names.size()) {
                throw new IllegalArgumentException("label " + label + " outside 0.." + (names.size() - 1));
            }
        }
        this.shape = shape;
        this.pixels = pixels;
        this.labels = labels;
        this.names = List.copyOf(names);
        this.description = description;
    }

    @Override
    public TensorShape shape() {
        return shape;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public List<String> identityNames() {
        return names;
    }

    @Override
    public void image(int index, float[] target, int offset) {
        int size = shape.size();
        int from = index * size;
        for (int i = 0; i < size; i++) {
            target[offset + i] = (pixels[from + i] & 0xff) / 255f;
        }
    }

    @Override
    public String description() {
        return description;
    }

    /** Both data sets, one after the other (same shape and names). */
    public static ByteImages concat(ByteImages a, ByteImages b, String description) {
        if (!a.shape.equals(b.shape) || !a.names.equals(b.names)) {
            throw new IllegalArgumentException("Cannot join " + a.description + " and " + b.description
                    + ": shapes or identity names differ");
        }
        byte[] pixels = new byte[a.pixels.length + b.pixels.length];
        System.arraycopy(a.pixels, 0, pixels, 0, a.pixels.length);
        System.arraycopy(b.pixels, 0, pixels, a.pixels.length, b.pixels.length);
        int[] labels = new int[a.labels.length + b.labels.length];
        System.arraycopy(a.labels, 0, labels, 0, a.labels.length);
        System.arraycopy(b.labels, 0, labels, a.labels.length, b.labels.length);
        return new ByteImages(a.shape, pixels, labels, a.names, description);
    }
}
