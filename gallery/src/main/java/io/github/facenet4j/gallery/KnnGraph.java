package io.github.facenet4j.gallery;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.math.DistanceMatrix;
import io.github.facenet4j.api.math.SquaredDistances;
import io.github.facenet4j.api.math.Vectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * The k nearest neighbours of every row of a set of embeddings with their squared L2
 * distances, nearest first (ties by row), the row itself left out: n·k ints and floats, so
 * 100,000 faces at k = 32 take 25 MB where their distance matrix would take 40 GB. Built
 * exactly ({@link #exact}: blocked brute force, O(n²·d) time, O(block·n) memory) or from an
 * approximate nearest-neighbour index ({@link #approximate}: Lucene's in-memory HNSW graph,
 * Malkov &amp; Yashunin 2016). Either way the distances are recomputed exactly for the
 * neighbours kept, so the two builders differ only in which neighbours they find.
 */
public final class KnnGraph {

    /** Rows per block of the exact builder: a block's distances are block × n floats. */
    private static final int BLOCK = 256;

    private final int size;
    private final int k;
    private final int[] neighbours;
    private final float[] distances;
    private final boolean approximate;

    private KnnGraph(int size, int k, int[] neighbours, float[] distances, boolean approximate) {
        this.size = size;
        this.k = k;
        this.neighbours = neighbours;
        this.distances = distances;
        this.approximate = approximate;
    }

    /**
     * HNSW build settings (Lucene's names): {@code maxConnections} neighbours per node and level
     * (M), {@code beamWidth} candidates while inserting (efConstruction) and while searching
     * (ef, at least k + 1), {@code seed} for the level draws.
     */
    public record Hnsw(int maxConnections, int beamWidth, long seed) {

        public Hnsw {
            if (maxConnections < 2 || maxConnections > 512 || beamWidth < 1 || beamWidth > 3200) {
                throw new IllegalArgumentException("HNSW M " + maxConnections + " or beam width " + beamWidth);
            }
        }

        /** Lucene's defaults, M 16 and beam width 100. */
        public static Hnsw defaults(long seed) {
            return new Hnsw(HnswGraphBuilder.DEFAULT_MAX_CONN, HnswGraphBuilder.DEFAULT_BEAM_WIDTH, seed);
        }
    }

    /**
     * The exact graph for at most {@code exactLimit} rows, the approximate one with
     * {@link Hnsw#defaults} above.
     */
    public static KnnGraph of(float[][] embeddings, int k, int exactLimit, long seed) {
        return embeddings.length <= exactLimit ? exact(embeddings, k) : approximate(embeddings, k, Hnsw.defaults(seed));
    }

    /** The exact k-NN graph by brute force over blocks of rows. */
    public static KnnGraph exact(float[][] embeddings, int k) {
        int n = embeddings.length;
        int kept = kept(embeddings, k);
        int[] neighbours = new int[n * kept];
        float[] distances = new float[n * kept];
        if (kept == 0) {
            return new KnnGraph(n, 0, neighbours, distances, false);
        }
        SquaredDistances columns = SquaredDistances.against(embeddings);
        IntStream.range(0, (n + BLOCK - 1) / BLOCK).parallel().forEach(block -> {
            int from = block * BLOCK;
            int to = Math.min(n, from + BLOCK);
            DistanceMatrix matrix = columns.from(embeddings, from, to);
            int[] best = new int[kept];
            float[] bestDistance = new float[kept];
            for (int i = from; i < to; i++) {
                int found = 0;
                int offset = matrix.rowOffset(i - from);
                float[] values = matrix.values();
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        continue;
                    }
                    float d = values[offset + j];
                    if (found < kept) {
                        found = insert(best, bestDistance, found, j, d);
                    } else if (d < bestDistance[kept - 1]) {
                        insert(best, bestDistance, kept - 1, j, d);
                    }
                }
                store(embeddings, i, best, kept, neighbours, distances, kept);
            }
        });
        return new KnnGraph(n, kept, neighbours, distances, false);
    }

    /**
     * The approximate k-NN graph: every row inserted into an HNSW graph, then searched for with a
     * beam of {@code max(k + 1, beamWidth)}; its k nearest other rows found are kept, re-ranked by
     * exact distance. Memory O(n·(M + k)) beside the embeddings; queries run on all cores.
     */
    public static KnnGraph approximate(float[][] embeddings, int k, Hnsw settings) {
        int n = embeddings.length;
        int kept = kept(embeddings, k);
        int[] neighbours = new int[n * kept];
        float[] distances = new float[n * kept];
        if (kept == 0) {
            return new KnnGraph(n, 0, neighbours, distances, true);
        }
        OnHeapHnswGraph graph;
        try {
            graph = HnswGraphBuilder.create(new Scorers(embeddings), settings.maxConnections(), settings.beamWidth(),
                    settings.seed()).build(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // on-heap vectors: never
        }
        int beam = Math.max(kept + 1, settings.beamWidth());
        IntStream.range(0, n).parallel().forEach(i -> {
            KnnCollector found;
            try {
                found = HnswGraphSearcher.search(new Scorer(embeddings, embeddings[i]), beam, graph, null,
                        Integer.MAX_VALUE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int[] best = new int[kept];
            float[] bestDistance = new float[kept];
            int count = 0;
            for (ScoreDoc doc : found.topDocs().scoreDocs) {
                if (doc.doc == i) {
                    continue;
                }
                float d = squaredDistance(embeddings[i], embeddings[doc.doc]);
                if (count < kept) {
                    count = insert(best, bestDistance, count, doc.doc, d);
                } else if (d < bestDistance[kept - 1]) {
                    insert(best, bestDistance, kept - 1, doc.doc, d);
                }
            }
            if (count < kept) {
                // The beam found fewer rows than k (a graph cut in pieces): pad with the farthest found.
                for (int r = count; r < kept; r++) {
                    best[r] = count == 0 ? (i + 1) % n : best[count - 1];
                    bestDistance[r] = count == 0 ? squaredDistance(embeddings[i], embeddings[best[r]])
                            : bestDistance[count - 1];
                }
            }
            store(embeddings, i, best, kept, neighbours, distances, kept);
        });
        return new KnnGraph(n, kept, neighbours, distances, true);
    }

    /** Rows in the graph. */
    public int size() {
        return size;
    }

    /** Neighbours per row: the k asked for, or n − 1 when there are fewer other rows. */
    public int k() {
        return k;
    }

    /** Whether the graph came from the HNSW index. */
    public boolean approximate() {
        return approximate;
    }

    /** The {@code rank}-th nearest other row of {@code row} (rank 0 the nearest). */
    public int neighbour(int row, int rank) {
        return neighbours[row * k + rank];
    }

    /** Its squared L2 distance from {@code row}. */
    public float distance(int row, int rank) {
        return distances[row * k + rank];
    }

    /**
     * The fraction of {@code truth}'s neighbours (row, neighbour) this graph also lists, both
     * with the same k: 1 for the exact graph against itself.
     */
    public double recallAgainst(KnnGraph truth) {
        if (truth.size != size || truth.k != k) {
            throw new IllegalArgumentException("graphs of " + size + "×" + k + " and " + truth.size + "×" + truth.k);
        }
        long hits = 0;
        for (int i = 0; i < size; i++) {
            int[] mine = Arrays.copyOfRange(neighbours, i * k, (i + 1) * k);
            Arrays.sort(mine);
            for (int r = 0; r < k; r++) {
                if (Arrays.binarySearch(mine, truth.neighbour(i, r)) >= 0) {
                    hits++;
                }
            }
        }
        return size == 0 || k == 0 ? 1 : (double) hits / ((long) size * k);
    }

    /**
     * The dimension shared by every row.
     *
     * @throws BadInputException naming the first row of another dimension
     */
    public static int dimension(float[][] embeddings) {
        int d = embeddings.length == 0 ? 0 : embeddings[0].length;
        for (float[] row : embeddings) {
            if (row.length != d) {
                throw new BadInputException("Embeddings to cluster must all have " + d + " values, got " + row.length);
            }
        }
        return d;
    }

    private static int kept(float[][] embeddings, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be ≥ 1, got " + k);
        }
        dimension(embeddings);
        return Math.min(k, Math.max(0, embeddings.length - 1));
    }

    /**
     * Inserts (j, d) into the first {@code found} sorted entries (nearest first, ties by row),
     * which have room for one more; answers the new count.
     */
    private static int insert(int[] rows, float[] dist, int found, int j, float d) {
        int at = found;
        while (at > 0 && (dist[at - 1] > d || (dist[at - 1] == d && rows[at - 1] > j))) {
            rows[at] = rows[at - 1];
            dist[at] = dist[at - 1];
            at--;
        }
        rows[at] = j;
        dist[at] = d;
        return found + 1;
    }

    /** Stores row i's neighbours with exact distances, re-sorted by them. */
    private static void store(float[][] x, int i, int[] best, int count, int[] neighbours, float[] distances, int k) {
        int[] rows = new int[count];
        float[] dist = new float[count];
        int sorted = 0;
        for (int r = 0; r < count; r++) {
            sorted = insert(rows, dist, sorted, best[r], squaredDistance(x[i], x[best[r]]));
        }
        System.arraycopy(rows, 0, neighbours, i * k, count);
        System.arraycopy(dist, 0, distances, i * k, count);
    }

    /** ‖a − b‖² accumulated in double, as {@link io.github.facenet4j.api.math.Vectors#squaredDistance}. */
    private static float squaredDistance(float[] a, float[] b) {
        return (float) io.github.facenet4j.api.math.Vectors.squaredDistance(a, b);
    }

    /** Lucene's scores grow with similarity: 1 / (1 + squared distance), as its EUCLIDEAN function. */
    private record Scorer(float[][] rows, float[] query) implements RandomVectorScorer {
        @Override
        public float score(int node) {
            // Lucene's EUCLIDEAN score, on the vectorised kernel
            return 1f / (1f + Vectors.floatSquaredDistance(query, rows[node]));
        }

        @Override
        public int maxOrd() {
            return rows.length;
        }
    }

    /** A scorer per row for the graph builder; stateless, so a copy is itself. */
    private record Scorers(float[][] rows) implements RandomVectorScorerSupplier {
        @Override
        public RandomVectorScorer scorer(int ord) {
            return new Scorer(rows, rows[ord]);
        }

        @Override
        public RandomVectorScorerSupplier copy() {
            return this;
        }
    }
}
