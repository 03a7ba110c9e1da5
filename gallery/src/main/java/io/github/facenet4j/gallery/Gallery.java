package io.github.facenet4j.gallery;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.EmbeddingSpace;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * An open gallery: enrolled faces of one {@link EmbeddingSpace}, searched by nearest
 * neighbour. Every method may be called from several threads at once (several threads adding
 * build a large gallery faster), and searches continue while a writer commits; enrolments
 * become durable, and visible to searches, at {@link #commit()}.
 */
public interface Gallery extends AutoCloseable {

    /** The folder the gallery lives in. */
    Path directory();

    /** The space of every embedding in it. */
    EmbeddingSpace space();

    /**
     * Refuses queries or enrolments of another space with one line. This is the one place a
     * later space adapter (mapping one model's embeddings into another's) would step in;
     * until one exists, another space is refused.
     */
    default void requireSpace(EmbeddingSpace other) {
        if (!other.equals(space())) {
            throw new BadInputException("gallery " + directory() + " holds " + space().describe()
                    + " embeddings, not " + other.describe() + "; use the model the gallery was built with"
                    + " (--model), or another --gallery");
        }
    }

    /**
     * Enrols a face (replacing an entry with the same id); durable and searchable after the
     * next {@link #commit()}.
     *
     * @throws BadInputException if its embedding is not of the gallery's dimension
     * @throws UnsupportedOperationException on a gallery opened for reading
     */
    void add(GalleryEntry entry);

    /** Removes every entry of {@code identity}; the count removed, durable after the next commit. */
    long removeIdentity(String identity);

    /** Removes the entry {@code id}; whether there was one. Durable after the next commit. */
    boolean removeId(String id);

    /**
     * Makes everything added or removed so far durable in one atomic step: a crash before it
     * returns leaves the gallery as it was at the previous commit, never half of this one.
     *
     * @return the number of entries the gallery holds now
     */
    long commit();

    /**
     * The {@code k} entries nearest {@code query}, nearest first, with their exact distances.
     *
     * @param effort how many candidates the approximate search gathers (≥ k; more is slower and
     *               finds the true nearest more often); 0 for the store's default
     */
    List<Match> search(float[] query, int k, int effort);

    /** Every entry as of the last commit (or refresh), in no particular order. */
    void forEach(Consumer<GalleryEntry> action);

    /** Entries, identities, space and size as of the last commit (or refresh). */
    GalleryStats stats();

    /**
     * Reorganises a written gallery for searching, then commits (Lucene: merges its segments
     * into one, with one HNSW graph, so a search walks one graph instead of one per segment).
     * Slow; for galleries searched much more than written. A store may do nothing here.
     */
    default void compact() {
        commit();
    }

    /** Sees the commits other processes made since this gallery was opened. */
    void refresh();

    @Override
    void close();

    /**
     * The open-set answer for one query: the nearest identity when its distance is within
     * {@code threshold}, else {@code null} (unknown).
     */
    static String decide(List<Match> matches, double threshold) {
        return matches.isEmpty() || matches.get(0).distance() > threshold ? null : matches.get(0).identity();
    }
}
