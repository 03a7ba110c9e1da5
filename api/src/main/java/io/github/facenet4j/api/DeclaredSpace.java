package io.github.facenet4j.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An embedding space as a set of embeddings (a CSV, an adapter's card) declares it: the space
 * and the spaces its model card says it is compatible with ({@code compatible-with}, e.g.
 * {@code ["small-cnn-fm@1"]}, written by harmonic training: FaceNet §6 "harmonic embeddings",
 * where a v2 model is trained so that its embeddings compare directly with v1's).
 *
 * @param space          the space
 * @param compatibleWith names ({@link EmbeddingSpace#name()}, {@code MODEL@VERSION}) of spaces its
 *                       embeddings may be compared with as they are
 */
public record DeclaredSpace(EmbeddingSpace space, List<String> compatibleWith) {

    /** {@code MODEL@VERSION}: a model id, {@code @}, a version without blanks. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*@\\S+");

    public DeclaredSpace {
        Objects.requireNonNull(space, "space");
        compatibleWith = List.copyOf(compatibleWith);
        for (String name : compatibleWith) {
            requireName(name);
        }
    }

    /** A space that declares no compatibility. */
    public static DeclaredSpace of(EmbeddingSpace space) {
        return new DeclaredSpace(space, List.of());
    }

    /**
     * Refuses a {@code compatible-with} entry that is not {@code MODEL@VERSION}.
     *
     * @throws ConfigurationException naming the entry
     */
    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ConfigurationException("compatible-with entries are MODEL@VERSION (e.g. small-cnn-fm@1), got '"
                    + name + "'");
        }
        return name;
    }

    /** Whether this space's card, or {@code other}'s, declares the two compatible. */
    public boolean declaredCompatibleWith(DeclaredSpace other) {
        return compatibleWith.contains(other.space.name()) || other.compatibleWith.contains(space.name());
    }

    /** The JSON object the embeddings CSV and the adapter card carry: model, version, dimension, compatible-with. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", space.model());
        json.put("version", space.version());
        json.put("dimension", space.dimension());
        json.put("compatible-with", compatibleWith);
        return json;
    }

    /**
     * Reads what {@link #toJson()} wrote; {@code compatible-with} may be left out.
     *
     * @param where names the source in the message of a {@link BadInputException}
     */
    public static DeclaredSpace fromJson(Object json, String where) {
        if (!(json instanceof Map<?, ?> map)) {
            throw new BadInputException(where + ": the embedding space must be a JSON object {\"model\": …,"
                    + " \"version\": …, \"dimension\": …}");
        }
        Object model = map.get("model");
        Object version = map.get("version");
        Object dimension = map.get("dimension");
        Object compatible = map.containsKey("compatible-with") ? map.get("compatible-with") : List.of();
        if (!(model instanceof String m) || !(version instanceof String v) || !(dimension instanceof Number d)
                || d.doubleValue() != Math.rint(d.doubleValue()) || !(compatible instanceof List<?> list)) {
            throw new BadInputException(where + ": the embedding space needs \"model\" and \"version\" strings, a"
                    + " whole \"dimension\" and a \"compatible-with\" list, got " + map);
        }
        List<String> names = new ArrayList<>();
        for (Object entry : list) {
            names.add(entry instanceof String s ? s : String.valueOf(entry));
        }
        try {
            return new DeclaredSpace(new EmbeddingSpace(m, v, d.intValue()), names);
        } catch (IllegalArgumentException | ConfigurationException e) {
            throw new BadInputException(where + ": " + e.getMessage());
        }
    }
}
