/**
 * Grouping and searching embeddings in plain Java on {@code float[]}: clustering a photo
 * collection by person (FaceNet §1: "clustering … becomes a straight-forward application
 * of off-the-shelf techniques such as … agglomerative clustering"). The {@link
 * io.github.facenet4j.gallery.Clusterer} plugin kind, its result {@link
 * io.github.facenet4j.gallery.Clusters}, and the {@link io.github.facenet4j.gallery.KnnGraph}
 * (exact or HNSW) the graph-based algorithms run on past what fits in O(n²);
 * and the face gallery ({@link io.github.facenet4j.gallery.Gallery}: enrolled faces searched by
 * nearest neighbour, kept by a {@link io.github.facenet4j.gallery.GalleryStore} plugin).
 */
package io.github.facenet4j.gallery;
