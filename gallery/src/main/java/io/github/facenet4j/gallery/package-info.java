/**
 * Grouping and searching embeddings in plain Java on {@code float[]}: clustering a photo
 * collection by person (FaceNet §1: "clustering … becomes a straight-forward application
 * of off-the-shelf techniques such as … agglomerative clustering"), and the face gallery
 * ({@link io.github.facenet4j.gallery.Gallery}: enrolled faces searched by nearest neighbour,
 * kept by a {@link io.github.facenet4j.gallery.GalleryStore} plugin).
 */
package io.github.facenet4j.gallery;
