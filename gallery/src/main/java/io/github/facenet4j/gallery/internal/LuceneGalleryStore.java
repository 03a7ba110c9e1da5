package io.github.facenet4j.gallery.internal;

import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.EmbeddingSpace;
import io.github.facenet4j.gallery.Gallery;
import io.github.facenet4j.gallery.GalleryStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** Galleries as Lucene indexes on disk, searched through Lucene's HNSW graphs: the {@code lucene} store. */
@Component(service = GalleryStore.class, configurationPid = "facenet.gallery-store." + LuceneGalleryStore.NAME,
        property = Plugin.NAME_PROPERTY + "=" + LuceneGalleryStore.NAME)
public final class LuceneGalleryStore implements GalleryStore {

    public static final String NAME = "lucene";

    /**
     * Lucene logs a warning on every start under Java 17 when the vector incubator module is
     * present (the launcher adds it for facenet4j's own distance kernel) but too old for
     * Lucene's use: not the user's concern, so that logger is silenced before Lucene loads.
     * Held here so that the setting is not collected with the logger.
     */
    private static final Logger VECTORIZATION_LOG =
            Logger.getLogger("org.apache.lucene.internal.vectorization.VectorizationProvider");

    static {
        VECTORIZATION_LOG.setLevel(Level.OFF);
    }

    private final LuceneStoreConfig config;

    /** DS activation and the plain runtime: typed config from properties. */
    @Activate
    public LuceneGalleryStore(Map<String, Object> properties) {
        this(LuceneStoreConfig.from(Objects.requireNonNull(properties, "properties")));
    }

    public LuceneGalleryStore(LuceneStoreConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return NAME;
    }

    public LuceneStoreConfig config() {
        return config;
    }

    @Override
    public Gallery openForWriting(Path directory, EmbeddingSpace space) {
        return LuceneGallery.openForWriting(directory, space, config);
    }

    @Override
    public Gallery openForReading(Path directory) {
        return LuceneGallery.openForReading(directory, config);
    }
}
