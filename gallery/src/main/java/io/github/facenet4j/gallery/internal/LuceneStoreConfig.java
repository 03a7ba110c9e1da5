package io.github.facenet4j.gallery.internal;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import io.github.facenet4j.gallery.GalleryStore;
import java.util.Map;

/**
 * The {@code lucene} gallery store's settings ({@code conf/facenet.gallery-store.lucene.cfg}).
 *
 * @param maxConnections HNSW M: neighbours kept per node; more is a larger, slower-to-build
 *                       graph that finds the nearest more often
 * @param beamWidth      HNSW efConstruction: candidates considered when a node is inserted
 * @param searchEffort   candidates a search gathers when the caller does not say (ef)
 * @param rerank         whether the candidates are re-ranked by their exact squared L2 distance
 *                       computed in double precision from the stored vectors (otherwise the
 *                       distance is derived from Lucene's float score)
 * @param mergeThreads   threads that build a merged segment's graph
 * @param ramBufferMb    how much the writer buffers before it writes a segment
 * @param vectorised     whether graph building and search score with facenet4j's vectorised dot
 *                       product ({@link VectorisedHnswVectorsFormat}); {@code false} writes
 *                       Lucene's stock format and scores with Lucene's own (scalar on Java 17)
 *                       code, the baseline the benchmark compares against
 */
public record LuceneStoreConfig(int maxConnections, int beamWidth, int searchEffort, boolean rerank,
                                int mergeThreads, int ramBufferMb, boolean vectorised) {

    public static final String MAX_CONNECTIONS = "max-connections";
    public static final String BEAM_WIDTH = "beam-width";
    public static final String SEARCH_EFFORT = "search-effort";
    public static final String RERANK = "rerank";
    public static final String MERGE_THREADS = "merge-threads";
    public static final String RAM_BUFFER_MB = "ram-buffer-mb";
    public static final String VECTORISED = "vectorised";

    /** Lucene's own bounds: M ≤ 512, beam width ≤ 3200. */
    static final int MAX_M = 512;
    static final int MAX_BEAM = 3200;
    /** Candidates per search: beyond this an exact scan is cheaper on any gallery worth indexing. */
    public static final int MAX_EFFORT = 10_000;

    public LuceneStoreConfig {
        require(maxConnections >= 2 && maxConnections <= MAX_M, MAX_CONNECTIONS, maxConnections, "in [2, 512]");
        require(beamWidth >= 1 && beamWidth <= MAX_BEAM, BEAM_WIDTH, beamWidth, "in [1, 3200]");
        require(searchEffort >= 1 && searchEffort <= MAX_EFFORT, SEARCH_EFFORT, searchEffort,
                "in [1, " + MAX_EFFORT + "]");
        require(mergeThreads >= 1 && mergeThreads <= 64, MERGE_THREADS, mergeThreads, "in [1, 64]");
        require(ramBufferMb >= 16 && ramBufferMb <= 2047, RAM_BUFFER_MB, ramBufferMb,
                "in [16, 2047] (Lucene's per-thread limit)");
    }

    private static void require(boolean ok, String key, int value, String range) {
        if (!ok) {
            throw new ConfigurationException("gallery-store lucene: " + key + " must be " + range + ", got " + value);
        }
    }

    /** M 16, beam width 100 (Lucene's defaults), 100 candidates per search, re-ranking on, vectorised. */
    public static LuceneStoreConfig defaults() {
        return new LuceneStoreConfig(16, 100, 100, true, 1, 256, true);
    }

    /** The typed settings of the component's properties; unknown keys are refused. */
    public static LuceneStoreConfig from(Map<String, ?> properties) {
        Settings settings = Settings.forPlugin(PluginKind.of(GalleryStore.class), LuceneGalleryStore.NAME, properties);
        LuceneStoreConfig d = defaults();
        int m = settings.getInt(MAX_CONNECTIONS, d.maxConnections());
        int beam = settings.getInt(BEAM_WIDTH, d.beamWidth());
        int effort = settings.getInt(SEARCH_EFFORT, d.searchEffort());
        boolean rerank = settings.getBoolean(RERANK, d.rerank());
        int threads = settings.getInt(MERGE_THREADS, d.mergeThreads());
        int ram = settings.getInt(RAM_BUFFER_MB, d.ramBufferMb());
        boolean vectorised = settings.getBoolean(VECTORISED, d.vectorised());
        settings.refuseUnknownKeys();
        return new LuceneStoreConfig(m, beam, effort, rerank, threads, ram, vectorised);
    }
}
