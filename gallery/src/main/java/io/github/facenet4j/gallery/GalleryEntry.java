package io.github.facenet4j.gallery;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.math.Vectors;
import java.util.Objects;

/**
 * One enrolled face: a unique id, the identity it belongs to, where it came from and its
 * embedding. The embedding is not copied (callers hand over fresh arrays).
 *
 * @param id        unique within the gallery; enrolling an id again replaces that entry
 * @param identity  the person's name, not blank
 * @param source    the photo or CSV row it came from; may be empty
 * @param region    where the face was in the photo, or {@code null} (a CSV import)
 * @param embedding a unit-length vector of the gallery's dimension
 */
public record GalleryEntry(String id, String identity, String source, FaceRegion region, float[] embedding) {

    /** How far from 1 an embedding's length may be (the evaluators' CSV allows as much). */
    public static final double UNIT_TOLERANCE = 1e-3;

    public GalleryEntry {
        if (id == null || id.isEmpty()) {
            throw new BadInputException("A gallery entry needs a non-empty id");
        }
        if (identity == null || identity.isBlank()) {
            throw new BadInputException("The identity of gallery entry '" + id + "' is blank; give every face a name");
        }
        source = source == null ? "" : source;
        Objects.requireNonNull(embedding, "embedding");
        requireUnit(embedding, "the embedding of '" + id + "'");
    }

    /** Refuses a vector that is empty, not finite or not of unit length, with one line naming it. */
    public static void requireUnit(float[] vector, String what) {
        if (vector.length == 0) {
            throw new BadInputException(what + " is empty");
        }
        for (int k = 0; k < vector.length; k++) {
            if (!Float.isFinite(vector[k])) {
                throw new BadInputException(what + " has a non-finite value at component " + k);
            }
        }
        double length = Math.sqrt(Vectors.dot(vector, vector));
        if (Math.abs(length - 1) > UNIT_TOLERANCE) {
            throw new BadInputException(what + " has length " + (float) length + ", not 1; normalise it");
        }
    }
}
