package io.github.facenet4j.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads typed values from a plugin's configuration properties: the OSGi component
 * properties pushed by ConfigAdmin, or the same {@code .cfg} file read by the plain
 * runtime. Each plugin's config record calls this once, at construction, so no loose
 * strings travel further. Errors quote the plugin, key and offending value.
 *
 * <p>The reader remembers which keys its getters were asked for; a config record calls
 * {@link #refuseUnknownKeys()} once it has read them all, so that a misspelt key
 * ({@code margn = 0.3}) is refused instead of silently doing nothing. Keys the framework
 * adds ({@link #isFrameworkKey(String)}) are never refused. A reader belongs to one
 * {@code from(...)} call on one thread.
 */
public final class Settings {

    /** Prefixes of the keys OSGi, SCR, ConfigAdmin, FileInstall and facenet4j itself add. */
    private static final List<String> FRAMEWORK_PREFIXES =
            List.of("osgi.", "component.", "service.", "felix.", "facenet.", ".");

    private final String owner;
    private final String source;
    private final Map<String, ?> values;
    private final Set<String> asked = new TreeSet<>();

    /**
     * @param owner  who the values configure, for messages (e.g. {@code miner semi-hard})
     * @param values the properties; keys no getter asks for are refused by {@link #refuseUnknownKeys()}
     */
    public Settings(String owner, Map<String, ?> values) {
        this(owner, null, values);
    }

    private Settings(String owner, String source, Map<String, ?> values) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.source = source;
        this.values = Map.copyOf(Objects.requireNonNull(values, "values"));
    }

    /**
     * The configuration of the plugin {@code name} of {@code kind}: messages name it
     * {@code KIND NAME} (e.g. {@code miner semi-hard}), and an unknown key points at its file,
     * {@code conf/facenet.KIND.NAME.cfg}.
     */
    public static Settings forPlugin(PluginKind kind, String name, Map<String, ?> values) {
        return forFile(kind.label() + " " + name, "conf/" + kind.configurationPid(name) + ".cfg", values);
    }

    /** Values read from {@code file} (named when a key is unknown) for {@code owner}. */
    public static Settings forFile(String owner, String file, Map<String, ?> values) {
        return new Settings(owner, Objects.requireNonNull(file, "file"), values);
    }

    /** No properties: every getter answers its default. */
    public static Settings empty(String owner) {
        return new Settings(owner, Map.of());
    }

    public double getDouble(String key, double defaultValue) {
        Object raw = raw(key);
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
        Object raw = raw(key);
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

    /** {@code true} or {@code false}, nothing else (not {@code yes}, not {@code on}). */
    /** A non-blank text value, trimmed. */
    public String getString(String key, String defaultValue) {
        Object raw = raw(key);
        if (raw == null) {
            return defaultValue;
        }
        String text = raw.toString().trim();
        if (text.isEmpty()) {
            throw invalid(key, raw, "a non-empty value");
        }
        return text;
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        Object raw = raw(key);
        if (raw == null) {
            return defaultValue;
        }
        if (raw instanceof Boolean flag) {
            return flag;
        }
        String text = raw.toString().trim();
        if (!text.equals("true") && !text.equals("false")) {
            throw invalid(key, raw, "true or false");
        }
        return Boolean.parseBoolean(text);
    }

    /**
     * An enum constant by its {@linkplain #choiceName(Enum) choice name}: lower case with
     * hyphens, so {@code PER_PAIR} is written {@code per-pair}.
     */
    public <E extends Enum<E>> E getChoice(String key, Class<E> type, E defaultValue) {
        Object raw = raw(key);
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

    /**
     * Refuses the first key, in alphabetical order, that no getter was asked for and that is
     * not a {@linkplain #isFrameworkKey(String) framework key}, naming the keys that were:
     * {@code miner semi-hard: unknown key 'margn' (known: fallback, margin, max-triplets, mode,
     * selection); check conf/facenet.miner.semi-hard.cfg}. Call it after every key has been read.
     */
    public void refuseUnknownKeys() {
        String unknown = values.keySet().stream().filter(key -> !asked.contains(key) && !isFrameworkKey(key))
                .sorted().findFirst().orElse(null);
        if (unknown != null) {
            String known = asked.isEmpty() ? "none" : String.join(", ", asked);
            throw new ConfigurationException(owner + ": unknown key '" + unknown + "' (known: " + known + ")"
                    + (source == null ? "" : "; check " + source));
        }
    }

    /**
     * Whether {@code key} is one the framework, not the user, puts among a plugin's
     * properties, and so is never refused: {@code objectClass} and every key starting with
     * {@code osgi.}, {@code component.} (SCR: {@code component.name}, {@code component.id}),
     * {@code service.} ({@code service.pid}, {@code service.factoryPid},
     * {@code service.bundleLocation}, {@code service.ranking}, {@code service.id}),
     * {@code felix.} ({@code felix.fileinstall.filename}), {@code facenet.} (facenet4j's own,
     * as {@value Plugin#NAME_PROPERTY}) or {@code .} (private properties, by OSGi convention).
     * A plugin's own keys are lower-case words joined by hyphens, without dots.
     */
    public static boolean isFrameworkKey(String key) {
        return key.equals("objectClass") || FRAMEWORK_PREFIXES.stream().anyMatch(key::startsWith);
    }

    private Object raw(String key) {
        asked.add(key);
        return values.get(key);
    }

    private ConfigurationException invalid(String key, Object raw, String expected) {
        return new ConfigurationException(owner + ": " + key + " must be " + expected + ", got '" + raw + "'");
    }

    /** A validation failure for {@code key}, worded like the parsing failures. */
    public ConfigurationException outOfRange(String key, Object value, String expected) {
        return invalid(key, value, expected);
    }
}
