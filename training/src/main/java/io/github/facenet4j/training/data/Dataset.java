package io.github.facenet4j.training.data;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.InputNormalisation;
import io.github.facenet4j.api.nn.TensorShape;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Labelled images of one shape, read by index: the faces (or Fashion-MNIST articles) a
 * trainer samples batches from and validates on. Labels are identity ids in
 * {@code 0 … identityNames().size() − 1}; a subset keeps its parent's ids and names.
 * Images come as C×H×W floats of pixel values 0…255, one grey plane or R, G, B planes, as
 * an {@link InputNormalisation} reads them; they become a network's input only through
 * {@link #batch(int[], InputNormalisation)}, with the normalisation the model card carries.
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
     * Writes image {@code index} as {@link TensorShape#size()} pixel values 0…255 into
     * {@code target} from {@code offset}, channel by channel.
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

    /**
     * The images at {@code indices} as one NCHW batch for a network, normalised by
     * {@code normalisation}: what training, validation and embedding a data set feed a network.
     *
     * @throws ConfigurationException if the normalisation is for another number of channels
     * @throws io.github.facenet4j.api.BadInputException if an image cannot be read
     */
    default TensorBatch batch(int[] indices, InputNormalisation normalisation) {
        TensorShape shape = shape();
        if (normalisation.channels() != shape.channels()) {
            throw new ConfigurationException(description() + " has images of " + shape + " but the input"
                    + " normalisation is for " + normalisation.channels() + " channel(s) ("
                    + normalisation.channelOrder().label() + ")");
        }
        int size = shape.size();
        float[] data = new float[indices.length * size];
        for (int r = 0; r < indices.length; r++) {
            image(indices[r], data, r * size);
            normalisation.apply(data, r * size, shape.plane(), data, r * size);
        }
        return new TensorBatch(data, indices.length, shape.channels(), shape.height(), shape.width());
    }

    /** Images {@code from} … {@code to − 1} as one batch ({@link #batch(int[], InputNormalisation)}). */
    default TensorBatch batch(int from, int to, InputNormalisation normalisation) {
        return batch(IntStream.range(from, to).toArray(), normalisation);
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
