package io.github.facenet4j.training.data;

import io.github.facenet4j.api.nn.TensorShape;
import java.util.List;
import java.util.Objects;

/**
 * A data set whose shape, labels, identity names and description are fixed when it is made:
 * a subclass says only how an image is read ({@link #image(int, float[], int)}).
 */
public abstract class LabelledImages implements Dataset {

    private final TensorShape shape;
    private final int[] labels;
    private final List<String> names;
    private final String description;

    /**
     * @param shape       every image's shape
     * @param labels      identity id of each image, in {@code 0 … names.size() − 1}; not copied
     * @param names       identity names by id
     * @param description where the images come from
     * @throws IllegalArgumentException if a label has no name
     */
    protected LabelledImages(TensorShape shape, int[] labels, List<String> names, String description) {
        this.shape = Objects.requireNonNull(shape, "shape");
        this.names = List.copyOf(names);
        this.description = Objects.requireNonNull(description, "description");
        for (int label : labels) {
            if (label < 0 || label >= this.names.size()) {
                throw new IllegalArgumentException("label " + label + " outside 0.." + (this.names.size() - 1));
            }
        }
        this.labels = labels;
    }

    @Override
    public final TensorShape shape() {
        return shape;
    }

    @Override
    public final int size() {
        return labels.length;
    }

    @Override
    public final int label(int index) {
        return labels[index];
    }

    @Override
    public final List<String> identityNames() {
        return names;
    }

    @Override
    public final String description() {
        return description;
    }
}
