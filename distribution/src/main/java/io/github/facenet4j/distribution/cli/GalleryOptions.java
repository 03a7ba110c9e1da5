package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.PluginRegistry;
import io.github.facenet4j.api.EmbeddingSpace;
import io.github.facenet4j.gallery.Gallery;
import io.github.facenet4j.gallery.GalleryStore;
import io.github.facenet4j.models.ModelCard;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of every command that works on a gallery: its folder and the store plugin that keeps it. */
public final class GalleryOptions {

    /** The store used when {@code --store} is not given. */
    public static final String DEFAULT_STORE = "lucene";

    /** The most neighbours a query may ask for: more is a listing, not a search. */
    static final int MAX_TOP = 1000;

    @Option(names = "--gallery", paramLabel = "DIR", required = true, description = "The gallery's folder.")
    Path gallery;

    @Option(names = "--store", paramLabel = "NAME", defaultValue = DEFAULT_STORE,
            description = "Gallery-store plugin (default: ${DEFAULT-VALUE}); `facenet plugins` lists those installed.")
    String store = DEFAULT_STORE;

    /** The embedding space of a model: its card's id and version, and its embedding size. */
    static EmbeddingSpace spaceOf(ModelCard card) {
        return new EmbeddingSpace(card.id(), card.version(), card.embeddingSize());
    }

    GalleryStore store(PluginRegistry registry) {
        return registry.get(GalleryStore.class, store);
    }

    Gallery openForReading(PluginRegistry registry) {
        return store(registry).openForReading(gallery);
    }

    Gallery openForWriting(PluginRegistry registry, EmbeddingSpace space) {
        return store(registry).openForWriting(gallery, space);
    }
}
