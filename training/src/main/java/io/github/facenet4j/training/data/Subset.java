package io.github.facenet4j.training.data;

import io.github.facenet4j.api.nn.TensorShape;
import java.util.List;

/** A view of some images of a parent dataset, in the order given; labels and names are the parent's. */
final class Subset implements Dataset {

    private final Dataset parent;
    private final int[] indices;
    private final String description;

    Subset(Dataset parent, int[] indices, String description) {
        this.parent = parent;
        this.indices = indices.clone();
        for (int i : this.indices) {
            if (i < 0 || i >= parent.size()) {
                throw new IllegalArgumentException("index " + i + " outside 0.." + (parent.size() - 1));
            }
        }
        this.description = description;
    }

    @Override
    public TensorShape shape() {
        return parent.shape();
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public int label(int index) {
        return parent.label(indices[index]);
    }

    @Override
    public List<String> identityNames() {
        return parent.identityNames();
    }

    @Override
    public void image(int index, float[] target, int offset) {
        parent.image(indices[index], target, offset);
    }

    @Override
    public String description() {
        return description;
    }
}
