package io.github.facenet4j.adapters;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.DeclaredSpace;
import io.github.facenet4j.api.EmbeddingAdapter;
import io.github.facenet4j.api.EmbeddingSpace;
import io.github.facenet4j.api.PluginRegistry;
import io.github.facenet4j.api.SpaceMap;
import io.github.facenet4j.api.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A fitted adapter on disk: a directory holding its card {@value #CARD_FILE}, which names the
 * {@code adapter} plugin that reads it and the {@code source} and {@code target} spaces, and the
 * weights that plugin wrote beside it. Reading looks the plugin up by that name in a registry,
 * so an adapter plugin of a third-party bundle reads its own directories.
 *
 * @param adapter the plugin's name
 * @param source  the space it maps from
 * @param target  the space it maps into
 * @param summary how the fit went, one line
 */
public record AdapterDirectory(String adapter, EmbeddingSpace source, EmbeddingSpace target, String summary) {

    /** The card's file name inside an adapter directory. */
    public static final String CARD_FILE = "adapter-card.json";

    public AdapterDirectory {
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(summary, "summary");
    }

    /** The card of {@code map}. */
    public static AdapterDirectory of(SpaceMap map) {
        return new AdapterDirectory(map.adapter(), map.source(), map.target(), map.summary());
    }

    /** Writes {@code map}'s weights and card into {@code directory}, creating it. */
    public static AdapterDirectory write(SpaceMap map, Path directory) {
        AdapterDirectory card = of(map);
        try {
            Files.createDirectories(directory);
            map.writeWeights(directory);
            Path file = directory.resolve(CARD_FILE);
            Path partial = directory.resolve(CARD_FILE + ".partial");
            Files.writeString(partial, card.toJson(), StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BadInputException("Cannot write the adapter into " + directory + ": " + e.getMessage());
        }
        return card;
    }

    /** The card as JSON. */
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("adapter", adapter);
        json.put("source", DeclaredSpace.of(source).toJson());
        json.put("target", DeclaredSpace.of(target).toJson());
        json.put("summary", summary);
        return Json.writePretty(json) + "\n";
    }

    /**
     * Reads the card of {@code directory}.
     *
     * @throws BadInputException naming the directory or file when it is not an adapter directory
     */
    public static AdapterDirectory readCard(Path directory) {
        Path file = directory.resolve(CARD_FILE);
        if (!Files.isDirectory(directory)) {
            throw new BadInputException("--adapter " + directory + " is not a directory; give the folder 'facenet"
                    + " adapt --out' wrote");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException("No adapter card at " + file + ": an adapter directory holds " + CARD_FILE
                    + " ('facenet adapt --out' writes it)");
        } catch (IOException e) {
            throw new BadInputException("Cannot read " + file + ": " + e.getMessage());
        }
        Map<String, Object> json;
        try {
            json = Json.parseObject(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + " is not valid JSON: " + e.getMessage());
        }
        if (!(json.get("adapter") instanceof String adapter)) {
            throw new BadInputException(file + ": 'adapter' must name the adapter plugin that wrote it (linear, mlp, …)");
        }
        EmbeddingSpace source = DeclaredSpace.fromJson(json.get("source"), file + ": source").space();
        EmbeddingSpace target = DeclaredSpace.fromJson(json.get("target"), file + ": target").space();
        String summary = json.get("summary") instanceof String s ? s : "";
        return new AdapterDirectory(adapter, source, target, summary);
    }

    /** Reads the adapter in {@code directory} with the plugin its card names, found in {@code plugins}. */
    public static SpaceMap read(Path directory, PluginRegistry plugins) {
        AdapterDirectory card = readCard(directory);
        EmbeddingAdapter plugin = plugins.get(EmbeddingAdapter.class, card.adapter());
        SpaceMap map = plugin.read(card.source(), card.target(), directory);
        if (!map.source().equals(card.source()) || !map.target().equals(card.target())) {
            throw new BadInputException("adapter " + card.adapter() + " read " + directory + " as a map "
                    + map.source().describe() + " → " + map.target().describe() + ", not what its card says");
        }
        return map;
    }
}
