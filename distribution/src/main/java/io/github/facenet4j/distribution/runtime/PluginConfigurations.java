package io.github.facenet4j.distribution.runtime;

import io.github.facenet4j.api.ConfigurationException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Plugin configurations read from a directory of {@code PID.cfg} files (Java properties,
 * the format Felix FileInstall reads), e.g. {@code facenet.miner.semi-hard.cfg} with
 * {@code margin = 0.3}. Both runtimes read the same files: OSGi pushes them through
 * ConfigAdmin, the plain runtime hands them to the plugins' constructors.
 */
public final class PluginConfigurations {

    private static final String SUFFIX = ".cfg";

    private final Map<String, Map<String, Object>> byPid;

    private PluginConfigurations(Map<String, Map<String, Object>> byPid) {
        this.byPid = byPid;
    }

    /** No configuration: every plugin runs with its defaults. */
    public static PluginConfigurations none() {
        return new PluginConfigurations(Map.of());
    }

    /** Reads every {@code *.cfg} in {@code directory}; a missing directory means no configuration. */
    public static PluginConfigurations readDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            return none();
        }
        Map<String, Map<String, Object>> byPid = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                String name = file.getFileName().toString();
                byPid.put(name.substring(0, name.length() - SUFFIX.length()), read(file));
            }
        } catch (IOException e) {
            throw new ConfigurationException("Cannot list configuration directory " + directory + ": " + e.getMessage());
        }
        return new PluginConfigurations(Map.copyOf(byPid));
    }

    private static Map<String, Object> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException("Cannot read configuration file " + file + ": " + e.getMessage());
        }
        Map<String, Object> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        return Map.copyOf(values);
    }

    /** Properties for {@code pid}; empty when no file configures it. */
    public Map<String, Object> forPid(String pid) {
        return byPid.getOrDefault(pid, Map.of());
    }

    /** These configurations with {@code key = value} for {@code pid} where no file sets {@code key}. */
    public PluginConfigurations withDefault(String pid, String key, Object value) {
        return forPid(pid).containsKey(key) ? this : with(pid, key, value);
    }

    /** These configurations with {@code key = value} for {@code pid}, whatever a file sets (a command-line option). */
    public PluginConfigurations with(String pid, String key, Object value) {
        Map<String, Map<String, Object>> copy = new TreeMap<>(byPid);
        Map<String, Object> values = new TreeMap<>(forPid(pid));
        values.put(key, value);
        copy.put(pid, Map.copyOf(values));
        return new PluginConfigurations(Map.copyOf(copy));
    }

    /** All configured PIDs with their properties. */
    public Map<String, Map<String, Object>> all() {
        return byPid;
    }
}
