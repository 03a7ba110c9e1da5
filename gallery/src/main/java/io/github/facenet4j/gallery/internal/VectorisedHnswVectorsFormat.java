package io.github.facenet4j.gallery.internal;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99FlatVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsReader;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsWriter;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.search.TaskExecutor;

/**
 * Lucene's HNSW vectors format (the very same files as {@link Lucene99HnswVectorsFormat}) with
 * the vectorised dot product of {@link VectorisedDotProductScorer} for building the graph and
 * for searching it. It needs a name of its own: a segment's reader is found by the name written
 * into the segment (Lucene's service loader reads this module's
 * {@code META-INF/services/org.apache.lucene.codecs.KnnVectorsFormat}); segments written by the
 * stock format keep being read by it, so galleries written before stay readable.
 */
public final class VectorisedHnswVectorsFormat extends KnnVectorsFormat {

    public static final String NAME = "FaceNetVectorisedHnsw99";

    private final int maxConnections;
    private final int beamWidth;
    private final int mergeWorkers;
    private final TaskExecutor mergeExecutor;
    private final FlatVectorsFormat flatFormat = new Lucene99FlatVectorsFormat(VectorisedDotProductScorer.INSTANCE);

    /** For Lucene's service loader, which needs only the reader. */
    public VectorisedHnswVectorsFormat() {
        this(Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN, Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH, 1, null);
    }

    /**
     * @param mergeWorkers  threads that merge segment graphs; more than one needs {@code mergeExecutor}
     * @param mergeExecutor runs the merge threads, or {@code null} with one worker
     */
    public VectorisedHnswVectorsFormat(int maxConnections, int beamWidth, int mergeWorkers,
                                       ExecutorService mergeExecutor) {
        super(NAME);
        // Lucene99HnswVectorsFormat's own checks, so that a bad setting fails as it would there
        new Lucene99HnswVectorsFormat(maxConnections, beamWidth, mergeWorkers, mergeExecutor);
        this.maxConnections = maxConnections;
        this.beamWidth = beamWidth;
        this.mergeWorkers = mergeWorkers;
        this.mergeExecutor = mergeExecutor == null ? null : new TaskExecutor(mergeExecutor);
    }

    @Override
    public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
        return new Lucene99HnswVectorsWriter(state, maxConnections, beamWidth, flatFormat.fieldsWriter(state),
                mergeWorkers, mergeExecutor);
    }

    @Override
    public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
        return new Lucene99HnswVectorsReader(state, flatFormat.fieldsReader(state));
    }

    @Override
    public int getMaxDimensions(String fieldName) {
        return DEFAULT_MAX_DIMENSIONS;
    }

    @Override
    public String toString() {
        return NAME + "(maxConnections=" + maxConnections + ", beamWidth=" + beamWidth + ", mergeWorkers="
                + mergeWorkers + ")";
    }
}
