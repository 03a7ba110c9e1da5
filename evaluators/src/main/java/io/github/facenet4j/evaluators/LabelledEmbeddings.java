package io.github.facenet4j.evaluators;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.DeclaredSpace;
import io.github.facenet4j.api.EmbeddingBatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Embeddings read from a file, with the id and identity name of every row. Integer labels
 * in {@link #batch()} index {@link #labelNames()}.
 *
 * @param source     where they came from, for messages
 * @param ids        row ids, unique (e.g. LFW's {@code Name_0001})
 * @param labelNames identity names; label {@code k} is {@code labelNames.get(k)}
 * @param batch      the embeddings and integer labels
 * @param space      the space the file declares (its {@code #space} line), empty when it declares none
 */
public record LabelledEmbeddings(String source, List<String> ids, List<String> labelNames, EmbeddingBatch batch,
                                 Optional<DeclaredSpace> space) {

    public LabelledEmbeddings {
        Objects.requireNonNull(source, "source");
        ids = List.copyOf(ids);
        labelNames = List.copyOf(labelNames);
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(space, "space");
        if (ids.size() != batch.size()) {
            throw new IllegalArgumentException(ids.size() + " ids for " + batch.size() + " embeddings");
        }
    }

    /**
     * The space the file declares.
     *
     * @param purpose what needs it, for the message (e.g. {@code comparing with --against})
     * @throws BadInputException when the file declares none
     */
    public DeclaredSpace requireSpace(String purpose) {
        return space.orElseThrow(() -> new BadInputException(source + " does not say which embedding space it holds"
                + " (no '" + EmbeddingsCsv.SPACE_PREFIX + "' first line), needed for " + purpose + "; re-embed with"
                + " 'facenet embed', which writes it"));
    }

    /** Row of each id. */
    public Map<String, Integer> rowsById() {
        Map<String, Integer> rows = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            rows.put(ids.get(i), i);
        }
        return rows;
    }

    /** The row of {@code id}, or a {@link BadInputException} naming {@code where} it was asked for. */
    int rowOf(Map<String, Integer> rows, String id, String where) {
        Integer row = rows.get(id);
        if (row == null) {
            throw new BadInputException(where + ": no embedding with id '" + id + "' in " + source + ".");
        }
        return row;
    }
}
