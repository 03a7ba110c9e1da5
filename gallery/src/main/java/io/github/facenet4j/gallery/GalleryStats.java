package io.github.facenet4j.gallery;

import io.github.facenet4j.api.EmbeddingSpace;

/**
 * What a gallery holds.
 *
 * @param entries     enrolled faces
 * @param identities  distinct identities among them
 * @param space       the embedding space
 * @param bytesOnDisk the size of the gallery's files
 * @param store       the gallery-store plugin that wrote it (e.g. {@code lucene})
 * @param createdBy   the facenet4j version that created it
 */
public record GalleryStats(long entries, long identities, EmbeddingSpace space, long bytesOnDisk, String store,
                           String createdBy) {
}
