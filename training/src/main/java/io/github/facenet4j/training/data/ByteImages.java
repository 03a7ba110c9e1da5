package io.github.facenet4j.training.data;

import io.github.facenet4j.api.nn.TensorShape;
import java.util.List;

/**
 * Images held in memory as unsigned bytes, one after another (C×H×W each), read as the
 * pixel values 0…255 they are: how the IDX files of MNIST and Fashion-MNIST store them
 * (70,000 images of 28×28 take 55 MB).
 */
public final class ByteImages extends LabelledImages {

    private final byte[] pixels;

    /**
     * @param shape       every image's shape
     * @param pixels      {@code labels.length × shape.size()} bytes; not copied
     * @param labels      identity id of each image, in {@code 0 … names.size() − 1}; not copied
     * @param names       identity names by id
     * @param description where the images come from
     */
    public ByteImages(TensorShape shape, byte[] pixels, int[] labels, List<String> names, String description) {
        super(shape, labels, names, description);
        if ((long) labels.length * shape.size() != pixels.length) {
            throw new IllegalArgumentException(labels.length + " images of " + shape + " need "
                    + (long) labels.length * shape.size() + " bytes, got " + pixels.length);
        }
        this.pixels = pixels;
    }

    @Override
    public void image(int index, float[] target, int offset) {
        int size = shape().size();
        int from = index * size;
        for (int i = 0; i < size; i++) {
            target[offset + i] = pixels[from + i] & 0xff;
        }
    }

    /** Both data sets, one after the other (same shape and names). */
    public static ByteImages concat(ByteImages a, ByteImages b, String description) {
        if (!a.shape().equals(b.shape()) || !a.identityNames().equals(b.identityNames())) {
            throw new IllegalArgumentException("Cannot join " + a.description() + " and " + b.description()
                    + ": shapes or identity names differ");
        }
        byte[] pixels = new byte[a.pixels.length + b.pixels.length];
        System.arraycopy(a.pixels, 0, pixels, 0, a.pixels.length);
        System.arraycopy(b.pixels, 0, pixels, a.pixels.length, b.pixels.length);
        int[] labels = new int[a.size() + b.size()];
        System.arraycopy(a.labels(), 0, labels, 0, a.size());
        System.arraycopy(b.labels(), 0, labels, a.size(), b.size());
        return new ByteImages(a.shape(), pixels, labels, a.identityNames(), description);
    }
}
