package io.github.facenet4j.gallery.internal;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.math.Vectors;
import io.github.facenet4j.api.EmbeddingSpace;
import io.github.facenet4j.gallery.FaceRegion;
import io.github.facenet4j.gallery.Gallery;
import io.github.facenet4j.gallery.GalleryEntry;
import io.github.facenet4j.gallery.GalleryStats;
import io.github.facenet4j.gallery.Match;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * A gallery kept as a Lucene index in its folder. Each entry is one document: {@code id} and
 * {@code identity} as exact-match terms (also stored), {@code source} and {@code region}
 * stored, and the embedding as a {@link KnnFloatVectorField} with
 * {@link VectorSimilarityFunction#DOT_PRODUCT}: on unit vectors ‖a − b‖² = 2 − 2 a·b, so the
 * dot product orders neighbours exactly as the squared L2 distance FaceNet thresholds, at the
 * cost of one multiply-add per component (Lucene's EUCLIDEAN would rank the same at a
 * subtract more). The vectors are normalised once more in float before they are stored,
 * because the dot-product score assumes unit length.
 *
 * <p>Search gathers {@code effort} candidates from each segment's HNSW graph, then (with
 * {@code rerank}) recomputes each candidate's squared L2 distance in double precision from
 * the vector Lucene stores beside the graph, and keeps the k nearest.
 *
 * <p>Durability: {@link #commit()} is {@link IndexWriter#commit()}, which fsyncs the new
 * segment files and then publishes them with one atomically written {@code segments_N}; a
 * crash at any point leaves the previous commit, which is what a later open reads. The
 * gallery's metadata (marker, space, store, creating version) travels in every commit's user
 * data, so it can never disagree with the entries. Reads go through a {@link SearcherManager}:
 * a search holds a point-in-time reader, so it continues undisturbed while a writer commits.
 * Lucene's {@code write.lock} refuses a second writer.
 */
final class LuceneGallery implements Gallery {

    static final String MARKER = "facenet.gallery";
    static final String FORMAT = "1";
    static final String SPACE_MODEL = "space.model";
    static final String SPACE_VERSION = "space.version";
    static final String SPACE_DIMENSION = "space.dimension";
    static final String STORE = "store";
    static final String CREATED_BY = "created-by";

    static final String ID = "id";
    static final String IDENTITY = "identity";
    static final String SOURCE = "source";
    static final String REGION = "region";
    static final String VECTOR = "vector";

    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ExecutorService mergeWorkers;
    private final Map<String, String> metadata;
    private final EmbeddingSpace space;
    private final LuceneStoreConfig config;

    private LuceneGallery(Path path, Directory directory, IndexWriter writer, SearcherManager searchers,
                          ExecutorService mergeWorkers, Map<String, String> metadata, LuceneStoreConfig config) {
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.mergeWorkers = mergeWorkers;
        this.metadata = Map.copyOf(metadata);
        this.space = spaceOf(metadata);
        this.config = config;
    }

    /** Opens (or, in an absent or empty folder, creates) the gallery for writing. */
    static LuceneGallery openForWriting(Path path, EmbeddingSpace space, LuceneStoreConfig config) {
        Directory directory = null;
        ExecutorService workers = null;
        IndexWriter writer = null;
        try {
            boolean create = isAbsentOrEmpty(path);
            if (!create) {
                Map<String, String> existing = readMetadata(path);
                if (!spaceOf(existing).equals(space)) {
                    throw new BadInputException("gallery " + path + " holds " + spaceOf(existing).describe()
                            + " embeddings, not " + space.describe() + "; use the model the gallery was built with"
                            + " (--model), or another --gallery");
                }
            }
            Files.createDirectories(path);
            directory = FSDirectory.open(path);
            workers = config.mergeThreads() > 1 ? Executors.newFixedThreadPool(config.mergeThreads(), r -> {
                Thread t = new Thread(r, "gallery-merge");
                t.setDaemon(true);
                return t;
            }) : null;
            IndexWriterConfig iwc = new IndexWriterConfig().setCodec(codec(config, workers))
                    .setOpenMode(create ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND)
                    .setRAMBufferSizeMB(config.ramBufferMb()).setCommitOnClose(false);
            try {
                writer = new IndexWriter(directory, iwc);
            } catch (LockObtainFailedException e) {
                throw new BadInputException("gallery " + path + " is in use by another writer (" + path.resolve(
                        IndexWriter.WRITE_LOCK_NAME) + " is held); wait for it to end or stop it");
            }
            Map<String, String> metadata = new HashMap<>();
            if (create) {
                metadata.put(MARKER, FORMAT);
                metadata.put(SPACE_MODEL, space.model());
                metadata.put(SPACE_VERSION, space.version());
                metadata.put(SPACE_DIMENSION, Integer.toString(space.dimension()));
                metadata.put(STORE, LuceneGalleryStore.NAME);
                metadata.put(CREATED_BY, createdBy());
            } else {
                metadata.putAll(readMetadata(path));
            }
            writer.setLiveCommitData(metadata.entrySet());
            if (create) {
                writer.commit();
            }
            SearcherManager searchers = new SearcherManager(writer, null);
            return new LuceneGallery(path, directory, writer, searchers, workers, metadata, config);
        } catch (IOException | RuntimeException e) {
            closeQuietly(writer);
            closeQuietly(directory);
            if (workers != null) {
                workers.shutdownNow();
            }
            if (e instanceof IOException io) {
                throw failure(path, io);
            }
            throw (RuntimeException) e;
        }
    }

    /** Opens an existing gallery for reading. */
    static LuceneGallery openForReading(Path path, LuceneStoreConfig config) {
        Map<String, String> metadata = readMetadata(path);
        Directory directory = null;
        try {
            directory = FSDirectory.open(path);
            SearcherManager searchers = new SearcherManager(directory, null);
            return new LuceneGallery(path, directory, null, searchers, null, metadata, config);
        } catch (IOException e) {
            closeQuietly(directory);
            throw failure(path, e);
        }
    }

    private static Lucene912Codec codec(LuceneStoreConfig config, ExecutorService workers) {
        int mergeWorkers = workers == null ? 1 : config.mergeThreads();
        KnnVectorsFormat format = config.vectorised()
                ? new VectorisedHnswVectorsFormat(config.maxConnections(), config.beamWidth(), mergeWorkers, workers)
                : new Lucene99HnswVectorsFormat(config.maxConnections(), config.beamWidth(), mergeWorkers, workers);
        return new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        };
    }

    /** A folder that does not exist, or holds nothing but hidden files (such as a lock file). */
    private static boolean isAbsentOrEmpty(Path path) throws IOException {
        if (!Files.exists(path)) {
            return true;
        }
        if (!Files.isDirectory(path)) {
            throw new BadInputException("--gallery " + path + " is a file, not a gallery folder; give a folder");
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.allMatch(f -> f.getFileName().toString().startsWith("."));
        }
    }

    /** The metadata of the gallery's last commit; one line when the folder is not a gallery. */
    static Map<String, String> readMetadata(Path path) {
        String notAGallery = "--gallery " + path + " is not a gallery";
        if (!Files.isDirectory(path)) {
            throw new BadInputException(notAGallery + " (" + (Files.exists(path) ? "a file" : "no such folder")
                    + "); create one with facenet enroll --gallery " + path);
        }
        Map<String, String> data;
        try (Directory directory = FSDirectory.open(path)) {
            data = SegmentInfos.readLatestCommit(directory).getUserData();
        } catch (IndexNotFoundException | NoSuchFileException e) {
            throw new BadInputException(notAGallery + " (no gallery index in it); create one with facenet enroll"
                    + " --gallery NEW-FOLDER");
        } catch (IOException e) {
            throw new BadInputException(notAGallery + " that can be read: " + reason(e));
        }
        if (!FORMAT.equals(data.get(MARKER))) {
            throw new BadInputException(notAGallery + " (a Lucene index, but not one facenet enroll wrote)");
        }
        return data;
    }

    private static EmbeddingSpace spaceOf(Map<String, String> metadata) {
        try {
            return new EmbeddingSpace(metadata.get(SPACE_MODEL), metadata.get(SPACE_VERSION),
                    Integer.parseInt(metadata.get(SPACE_DIMENSION)));
        } catch (RuntimeException e) {
            throw new BadInputException("The gallery's metadata names no valid embedding space: " + metadata);
        }
    }

    private static String createdBy() {
        String version = LuceneGallery.class.getPackage().getImplementationVersion();
        return "facenet4j " + (version == null ? "dev" : version);
    }

    @Override
    public Path directory() {
        return path;
    }

    @Override
    public EmbeddingSpace space() {
        return space;
    }

    private IndexWriter writer() {
        if (writer == null) {
            throw new UnsupportedOperationException("gallery " + path + " was opened for reading");
        }
        return writer;
    }

    @Override
    public void add(GalleryEntry entry) {
        IndexWriter w = writer();
        space.requireDimension(entry.embedding(), "the embedding of '" + entry.id() + "'");
        Document doc = new Document();
        doc.add(new StringField(ID, entry.id(), Field.Store.YES));
        doc.add(new StringField(IDENTITY, entry.identity(), Field.Store.YES));
        doc.add(new StoredField(SOURCE, entry.source()));
        FaceRegion r = entry.region();
        if (r != null) {
            doc.add(new StoredField(REGION, String.format(Locale.ROOT, "%s,%s,%s,%s", r.x(), r.y(), r.width(),
                    r.height())));
        }
        doc.add(new KnnFloatVectorField(VECTOR, Vectors.normalized(entry.embedding()),
                VectorSimilarityFunction.DOT_PRODUCT));
        try {
            w.updateDocument(new Term(ID, entry.id()), doc);
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    @Override
    public long removeIdentity(String identity) {
        return remove(new Term(IDENTITY, identity));
    }

    @Override
    public boolean removeId(String id) {
        return remove(new Term(ID, id)) > 0;
    }

    private long remove(Term term) {
        IndexWriter w = writer();
        try {
            searchers.maybeRefreshBlocking();
            IndexSearcher searcher = searchers.acquire();
            long count;
            try {
                count = searcher.count(new TermQuery(term));
            } finally {
                searchers.release(searcher);
            }
            w.deleteDocuments(term);
            return count;
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    @Override
    public long commit() {
        try {
            writer().commit();
            searchers.maybeRefreshBlocking();
            return entries();
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    private long entries() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            searchers.release(searcher);
        }
    }

    @Override
    public void compact() {
        try {
            writer().forceMerge(1);
            commit();
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    @Override
    public List<Match> search(float[] query, int k, int effort) {
        if (k < 1 || effort < 0) {
            throw new IllegalArgumentException("k must be ≥ 1 and effort ≥ 0, got " + k + ", " + effort);
        }
        space.requireDimension(query, "the query");
        int candidates = Math.max(k, effort == 0 ? config.searchEffort() : effort);
        float[] unit = Vectors.normalized(query);
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                ScoreDoc[] top = nearest(searcher, unit, candidates);
                List<Candidate> found = config.rerank() ? rerank(searcher, top, query)
                        : fromScores(top);
                found.sort(Comparator.comparingDouble(Candidate::distance).thenComparingInt(Candidate::doc));
                StoredFields stored = searcher.storedFields();
                List<Match> matches = new ArrayList<>(Math.min(k, found.size()));
                for (Candidate c : found.subList(0, Math.min(k, found.size()))) {
                    Document doc = stored.document(c.doc(), Set.of(ID, IDENTITY, SOURCE));
                    matches.add(new Match(doc.get(ID), doc.get(IDENTITY), doc.get(SOURCE), c.distance()));
                }
                return matches;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    private record Candidate(int doc, double distance) {
    }

    /**
     * The {@code candidates} best-scoring documents of every segment's graph (live documents
     * only), with index-wide doc ids. What {@link KnnFloatVectorQuery} does, without a query's
     * rewrite, weight and collector around it: those cost more than the graph walk itself on
     * a one-segment gallery.
     */
    private static ScoreDoc[] nearest(IndexSearcher searcher, float[] unit, int candidates) throws IOException {
        List<ScoreDoc> all = new ArrayList<>();
        for (LeafReaderContext context : searcher.getIndexReader().leaves()) {
            LeafReader reader = context.reader();
            if (reader.getFloatVectorValues(VECTOR) == null) {
                continue;
            }
            TopDocs top = reader.searchNearestVectors(VECTOR, unit, candidates, reader.getLiveDocs(),
                    Integer.MAX_VALUE);
            for (ScoreDoc d : top.scoreDocs) {
                all.add(new ScoreDoc(d.doc + context.docBase, d.score));
            }
        }
        return all.toArray(ScoreDoc[]::new);
    }

    /** Lucene's dot-product score is (1 + a·b) / 2, so ‖a − b‖² = 2 − 2 a·b = 4 − 4 score. */
    private static List<Candidate> fromScores(ScoreDoc[] docs) {
        List<Candidate> out = new ArrayList<>(docs.length);
        for (ScoreDoc d : docs) {
            out.add(new Candidate(d.doc, Math.max(0, 4 - 4.0 * d.score)));
        }
        return out;
    }

    /** The exact squared L2 distance of each candidate, from the stored vectors, visited in doc order per segment. */
    private static List<Candidate> rerank(IndexSearcher searcher, ScoreDoc[] docs, float[] query) throws IOException {
        int[] sorted = new int[docs.length];
        for (int i = 0; i < docs.length; i++) {
            sorted[i] = docs[i].doc;
        }
        java.util.Arrays.sort(sorted);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        List<Candidate> out = new ArrayList<>(docs.length);
        int current = -1;
        FloatVectorValues values = null;
        for (int doc : sorted) {
            int leaf = ReaderUtil.subIndex(doc, leaves);
            LeafReaderContext context = leaves.get(leaf);
            if (leaf != current) {
                current = leaf;
                values = context.reader().getFloatVectorValues(VECTOR);
            }
            int local = doc - context.docBase;
            if (values == null || values.advance(local) != local) {
                throw new IllegalStateException("no stored vector for document " + doc);
            }
            out.add(new Candidate(doc, Vectors.squaredDistance(values.vectorValue(), query)));
        }
        return out;
    }

    @Override
    public void forEach(Consumer<GalleryEntry> action) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                for (LeafReaderContext context : searcher.getIndexReader().leaves()) {
                    LeafReader reader = context.reader();
                    Bits live = reader.getLiveDocs();
                    StoredFields stored = reader.storedFields();
                    FloatVectorValues values = reader.getFloatVectorValues(VECTOR);
                    if (values == null) {
                        continue;
                    }
                    for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                        if (live != null && !live.get(doc)) {
                            continue;
                        }
                        Document d = stored.document(doc);
                        action.accept(new GalleryEntry(d.get(ID), d.get(IDENTITY), d.get(SOURCE),
                                region(d.get(REGION)), values.vectorValue().clone()));
                    }
                }
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    private static FaceRegion region(String text) {
        if (text == null) {
            return null;
        }
        String[] p = text.split(",");
        return new FaceRegion(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
                Double.parseDouble(p[3]));
    }

    @Override
    public GalleryStats stats() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                Set<BytesRef> identities = new HashSet<>();
                for (LeafReaderContext context : searcher.getIndexReader().leaves()) {
                    LeafReader reader = context.reader();
                    Terms terms = reader.terms(IDENTITY);
                    if (terms == null) {
                        continue;
                    }
                    Bits live = reader.getLiveDocs();
                    TermsEnum it = terms.iterator();
                    PostingsEnum postings = null;
                    for (BytesRef term = it.next(); term != null; term = it.next()) {
                        postings = it.postings(postings, PostingsEnum.NONE);
                        for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS;
                                doc = postings.nextDoc()) {
                            if (live == null || live.get(doc)) {
                                identities.add(BytesRef.deepCopyOf(term));
                                break;
                            }
                        }
                    }
                }
                return new GalleryStats(searcher.getIndexReader().numDocs(), identities.size(), space,
                        bytesOnDisk(path), metadata.getOrDefault(STORE, LuceneGalleryStore.NAME),
                        metadata.getOrDefault(CREATED_BY, "?"));
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    private static long bytesOnDisk(Path path) throws IOException {
        long total = 0;
        try (Stream<Path> files = Files.list(path)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                try {
                    total += Files.isRegularFile(f) ? Files.size(f) : 0;
                } catch (NoSuchFileException deletedByAMerge) {
                    // a writer's merge removed it meanwhile
                }
            }
        }
        return total;
    }

    @Override
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    @Override
    public void close() {
        closeQuietly(searchers);
        if (writer != null) {
            try {
                writer.rollback(); // drops what was never committed; the last commit stays
            } catch (IOException e) {
                throw failure(path, e);
            } finally {
                if (mergeWorkers != null) {
                    mergeWorkers.shutdownNow();
                }
            }
        }
        closeQuietly(directory);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing after a failure that is already being reported
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static UncheckedIOException failure(Path path, IOException e) {
        if (e instanceof AccessDeniedException) {
            throw new BadInputException("Cannot use gallery " + path + ": permission denied; check the folder's"
                    + " permissions");
        }
        return new UncheckedIOException("gallery " + path + ": " + reason(e), e);
    }
}
