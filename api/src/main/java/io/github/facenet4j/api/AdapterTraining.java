package io.github.facenet4j.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link EmbeddingAdapter} fits on: the embeddings of the same n images under a source
 * and a target model, row i of both being image i, and their identity labels when the data set
 * has them. A regression objective needs no labels; a triplet objective needs them.
 *
 * @param source    the source space
 * @param target    the target space
 * @param inputs    n rows of the source's dimension
 * @param outputs   n rows of the target's dimension
 * @param labels    an identity per row, or empty
 * @param seed      seed of any random choice while fitting
 */
public record AdapterTraining(EmbeddingSpace source, EmbeddingSpace target, float[][] inputs, float[][] outputs,
                              Optional<int[]> labels, long seed) {

    public AdapterTraining {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(labels, "labels");
        int n = new EmbeddingBatch(inputs, new int[inputs.length]).size();
        if (new EmbeddingBatch(outputs, new int[outputs.length]).size() != n) {
            throw new BadInputException("An adapter fits on the same images under both models: got " + n
                    + " source and " + outputs.length + " target embeddings");
        }
        if (inputs[0].length != source.dimension() || outputs[0].length != target.dimension()) {
            throw new BadInputException("An adapter from " + source.describe() + " into " + target.describe()
                    + " needs " + source.dimension() + "- and " + target.dimension() + "-d embeddings, got "
                    + inputs[0].length + " and " + outputs[0].length);
        }
        if (labels.isPresent() && labels.get().length != n) {
            throw new BadInputException("Need one label per training pair: got " + labels.get().length + " for " + n);
        }
    }

    public int size() {
        return inputs.length;
    }
}
