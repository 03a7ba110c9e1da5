package io.github.facenet4j.api;

import java.util.Map;
import java.util.Objects;

/**
 * Where a backend runs its networks: the CPU (the default, and what CI runs) or one NVIDIA GPU
 * by index. Written {@code cpu}, {@code gpu} (GPU 0) or {@code gpu:N}, on the command line
 * ({@code --device}) and in a backend's configuration file ({@code device = …}).
 *
 * @param kind  CPU or GPU
 * @param index the GPU's index, ≥ 0; 0 for the CPU
 */
public record Device(Kind kind, int index) {

    /** The configuration key every backend reads its device from. */
    public static final String KEY = "device";

    /** What kind of processor. */
    public enum Kind { CPU, GPU }

    public static final Device CPU = new Device(Kind.CPU, 0);

    public Device {
        Objects.requireNonNull(kind, "kind");
        if (index < 0 || (kind == Kind.CPU && index != 0)) {
            throw new ConfigurationException("A device index must be ≥ 0 and only a GPU has one, got " + kind + " "
                    + index);
        }
    }

    /**
     * Parses {@code cpu}, {@code gpu} or {@code gpu:N}.
     *
     * @throws ConfigurationException quoting the text and the accepted forms
     */
    public static Device parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equals("cpu")) {
            return CPU;
        }
        if (t.equals("gpu")) {
            return new Device(Kind.GPU, 0);
        }
        if (t.startsWith("gpu:") && t.length() > 4 && t.length() <= 8 && t.substring(4).chars().allMatch(Character::isDigit)) {
            return new Device(Kind.GPU, Integer.parseInt(t.substring(4)));
        }
        throw new ConfigurationException("Unknown device '" + text + "'; use cpu, gpu or gpu:N (N = the GPU's index)");
    }

    /**
     * The {@value #KEY} setting of a backend's configuration, CPU when it is not set.
     *
     * @throws ConfigurationException naming the plugin, the key and the accepted forms
     */
    public static Device from(Settings settings) {
        String text = settings.getString(KEY, null);
        if (text == null) {
            return CPU;
        }
        try {
            return parse(text);
        } catch (ConfigurationException e) {
            throw settings.outOfRange(KEY, text, "cpu, gpu or gpu:N");
        }
    }

    /** The device as written: {@code cpu} or {@code gpu:N}. */
    @Override
    public String toString() {
        return kind == Kind.CPU ? "cpu" : "gpu:" + index;
    }

    /** Configuration properties that choose this device for a backend (passed with its other settings). */
    public Map<String, Object> asProperties() {
        return Map.of(KEY, toString());
    }
}
