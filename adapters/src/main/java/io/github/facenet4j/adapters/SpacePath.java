package io.github.facenet4j.adapters;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.DeclaredSpace;
import io.github.facenet4j.api.EmbeddingSpace;
import io.github.facenet4j.api.SpaceMap;
import java.util.Objects;
import java.util.Optional;

/**
 * How embeddings of one space are brought into another to be compared: they are the same space
 * (model id and version), or either card declares the two compatible ({@code compatible-with},
 * FaceNet §6), or an adapter maps the first into the second. Anything else is refused in one
 * line naming both spaces: distances across unrelated spaces mean nothing, and comparing them
 * must never pass in silence.
 *
 * @param route   which of the three
 * @param adapter the adapter, for {@link Route#ADAPTER}
 */
public record SpacePath(Route route, Optional<SpaceMap> adapter) {

    /** The kinds of path. */
    public enum Route { SAME_SPACE, DECLARED_COMPATIBLE, ADAPTER }

    public SpacePath {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(adapter, "adapter");
        if (adapter.isPresent() != (route == Route.ADAPTER)) {
            throw new IllegalArgumentException("an adapter goes with route ADAPTER only");
        }
    }

    /**
     * A set of embeddings in a space, and what messages call it.
     *
     * @param where e.g. {@code A.csv}
     * @param space the space it declares
     */
    public record Side(String where, DeclaredSpace space) {
        public Side {
            Objects.requireNonNull(where, "where");
            Objects.requireNonNull(space, "space");
        }

        String named() {
            return where + " (" + space.space().name() + ", " + space.space().dimension() + "-d)";
        }
    }

    /**
     * The path from {@code from} into {@code to}: through {@code adapter} when one is given (its
     * source must be {@code from}'s space and its target {@code to}'s), else the same space or a
     * declared compatibility.
     *
     * @param adapterWhere what messages call the adapter (e.g. its directory)
     * @throws BadInputException in one line naming both spaces when there is no path, or the
     *                           adapter does not fit them
     */
    public static SpacePath between(Side from, Side to, Optional<SpaceMap> adapter, String adapterWhere) {
        EmbeddingSpace a = from.space().space();
        EmbeddingSpace b = to.space().space();
        if (adapter.isPresent()) {
            SpaceMap map = adapter.get();
            if (!map.source().equals(a)) {
                throw new BadInputException("the adapter " + adapterWhere + " maps " + map.source().name() + " ("
                        + map.source().dimension() + "-d) into " + map.target().name() + ", but " + from.named()
                        + " is in another space; fit an adapter from it with 'facenet adapt --from MODEL_DIR'");
            }
            if (!map.target().equals(b)) {
                throw new BadInputException("the adapter " + adapterWhere + " maps " + map.source().name() + " into "
                        + map.target().name() + " (" + map.target().dimension() + "-d), but " + to.named()
                        + " is in another space; fit an adapter into it with 'facenet adapt --to MODEL_DIR'");
            }
            return new SpacePath(Route.ADAPTER, adapter);
        }
        if (a.equals(b)) {
            return new SpacePath(Route.SAME_SPACE, Optional.empty());
        }
        if (a.dimension() == b.dimension() && from.space().declaredCompatibleWith(to.space())) {
            return new SpacePath(Route.DECLARED_COMPATIBLE, Optional.empty());
        }
        throw new BadInputException("cannot compare " + from.named() + " with " + to.named() + ": no model card"
                + " declares the two spaces compatible and no adapter maps one into the other; fit one with 'facenet"
                + " adapt --from MODEL_DIR --to MODEL_DIR --dataset SPEC --out DIR' and pass --adapter DIR");
    }

    /** {@code from}'s rows in {@code to}'s space: mapped by the adapter, or as they are. */
    public float[][] carry(float[][] rows) {
        return adapter.map(map -> map.mapAll(rows)).orElse(rows);
    }

    /** How the path reads in output: {@code same space}, {@code declared compatible}, {@code adapter linear}. */
    public String describe() {
        return switch (route) {
            case SAME_SPACE -> "same space";
            case DECLARED_COMPATIBLE -> "declared compatible";
            case ADAPTER -> "adapter " + adapter.orElseThrow().adapter();
        };
    }
}
