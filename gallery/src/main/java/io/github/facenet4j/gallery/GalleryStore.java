package io.github.facenet4j.gallery;

import io.github.facenet4j.api.EmbeddingSpace;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.PluginKind;
import java.nio.file.Path;

/**
 * Where galleries are kept, as a plugin (kind {@code gallery-store}, chosen with
 * {@code --store NAME}, configured by {@code conf/facenet.gallery-store.NAME.cfg}): the
 * default {@code lucene} keeps each in a folder on disk; a server-backed store would
 * implement the same two methods.
 */
@PluginKind.Label("gallery-store")
public interface GalleryStore extends Plugin {

    /**
     * Opens the gallery in {@code directory} for enrolling, creating it for {@code space} if the
     * folder is absent or empty. One writer at a time.
     *
     * @throws io.github.facenet4j.api.BadInputException if the folder holds something that is
     *         not a gallery, a gallery of another space, or is in use by another writer
     */
    Gallery openForWriting(Path directory, EmbeddingSpace space);

    /**
     * Opens an existing gallery for searching and listing; any number of readers, also while
     * a writer commits.
     *
     * @throws io.github.facenet4j.api.BadInputException if the folder is not a gallery
     */
    Gallery openForReading(Path directory);
}
