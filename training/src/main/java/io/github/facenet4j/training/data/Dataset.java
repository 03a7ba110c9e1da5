package io.github.facenet4j.training.data;

import io.github.facenet4j.api.nn.TensorShape;
import java.util.List;

/**
 * Labelled images of one shape, read by index: the faces (or Fashion-MNIST articles) a
 * trainer samples batches from and validates on. Labels are identity ids in
 * {@code 0 … identityNames().size() − 1}; a subset keeps its parent's ids and names.
 * Images come as C×H×W floats, preprocessed (pixel values scaled to [0, 1]).
 * Implementations may read images lazily; they are safe to read from several threads.
 */
public interface Dataset {

    /** Shape of every image. */
    TensorShape shape();

    /** Number of images. */
    int size();

    /** The identity id of image {@code index}. */
    int label(int index);

    /** Identity names, indexed by id. */
    List<String> identityNames();

    /**
     * Writes image {@code index} as {@link TensorShape#size()} floats into {@code target}
     * from {@code offset}, channel by channel.
     *
     * @throws io.github.facenet4j.api.BadInputException if the image cannot be read
     */
    void image(int index, float[] target, int offset);

    /** Where the images come from, for logs and reports. */
    String description();

    /** Image {@code index} as a new array. */
    default float[] image(int index) {
        float[] out = new float[shape().size()];
        image(index, out, 0);
        return out;
    }

    /** All labels, in index order. */
    default int[] labels() {
        int[] labels = new int[size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = label(i);
        }
        return labels;
    }

    /** The images at {@code indices} as a view. */
    default Dataset subset(int[] indices, String description) {
        return new Subset(this, indices, description);
    }
}
