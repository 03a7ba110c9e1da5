package io.github.facenet4j.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads typed values from a plugin's configuration properties: the OSGi component
 * properties pushed by ConfigAdmin, or the same {@code .cfg} file read by the plain
 * runtime. Each plugin's config record calls this once, at construction, so no loose
 * strings travel further. Errors quote the plugin, key and offending value.
 */
public final class Settings {

    private final String owner;
    private final Map<String, ?> values;

    /**
     * @param owner  who the values configure, for messages (e.g. {@code miner semi-hard})
     * @param values the properties; keys this reader is not asked for are ignored
     */
    public Settings(String owner, Map<String, ?> values) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.values = Map.copyOf(Objects.requireNonNull(values, "values"));
    }

    /** No properties: every getter answers its default. */
    public static Settings empty(String owner) {
        return new Settings(owner, Map.of());
    }

    public double getDouble(String key, double defaultValue) {
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        if (raw instanceof Number number) {
            return number.doubleValue();
        }
        try {
            return Double.parseDouble(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw invalid(key, raw, "a number");
        }
    }

    public long getLong(String key, long defaultValue) {
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        try {
            return Long.parseLong(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw invalid(key, raw, "a whole number");
        }
    }

    public int getInt(String key, int defaultValue) {
        long value = getLong(key, defaultValue);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw invalid(key, value, "a whole number within int range");
        }
        return (int) value;
    }

    /**
     * An enum constant by its {@linkplain #choiceName(Enum) choice name}: lower case with
     * hyphens, so {@code PER_PAIR} is written {@code per-pair}.
     */
    public <E extends Enum<E>> E getChoice(String key, Class<E> type, E defaultValue) {
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        String text = raw.toString().trim();
        for (E constant : type.getEnumConstants()) {
            if (choiceName(constant).equals(text)) {
                return constant;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(Settings::choiceName)
                .collect(Collectors.joining(", "));
        throw invalid(key, raw, "one of " + allowed);
    }

    /** The name users write for an enum constant: {@code PER_PAIR} → {@code per-pair}. */
    public static String choiceName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private ConfigurationException invalid(String key, Object raw, String expected) {
        return new ConfigurationException(owner + ": " + key + " must be " + expected + ", got '" + raw + "'");
    }

    /** A validation failure for {@code key}, worded like the parsing failures. */
    public ConfigurationException outOfRange(String key, Object value, String expected) {
        return invalid(key, value, expected);
    }
}
