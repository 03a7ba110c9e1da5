package io.github.facenet4j.api;

import java.nio.file.Path;

/**
 * A way of mapping embeddings of one space into another, as a plugin (kind {@code adapter},
 * configured by {@code conf/facenet.adapter.NAME.cfg}): it fits a {@link SpaceMap} on
 * embeddings of the same images under both models, and reads back the weights a map it fitted
 * wrote. The built-in ones are {@code linear} (orthogonal Procrustes or ridge least squares,
 * in closed form) and {@code mlp} (one hidden layer). An adapter directory's card names the
 * plugin that reads it, so the runtime finds it by name.
 */
@PluginKind.Label("adapter")
public interface EmbeddingAdapter extends Plugin {

    /** Fits a map from {@code training}'s source space into its target space. */
    SpaceMap fit(AdapterTraining training);

    /**
     * Reads the weights {@link SpaceMap#writeWeights} of a map this plugin fitted left in
     * {@code directory}.
     *
     * @throws BadInputException naming the file when they are missing, damaged or do not fit the spaces
     */
    SpaceMap read(EmbeddingSpace source, EmbeddingSpace target, Path directory);
}
