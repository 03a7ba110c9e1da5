/**
 * Comparing embeddings across spaces, in plain Java on {@code float[]}: the built-in
 * {@link io.github.facenet4j.api.EmbeddingAdapter} plugins ({@code linear}: orthogonal
 * Procrustes or ridge least squares in closed form; {@code mlp}: one hidden layer trained by
 * Adam), the adapter directory they are saved in ({@link io.github.facenet4j.adapters.AdapterDirectory})
 * and the path between two spaces ({@link io.github.facenet4j.adapters.SpacePath}): the same
 * space, a declared compatibility (FaceNet §6, harmonic embeddings) or an adapter.
 */
package io.github.facenet4j.adapters;
