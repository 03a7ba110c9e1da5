package io.github.facenet4j.models;

import io.github.facenet4j.api.ConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The architectures that can be trained from scratch, by name. */
public final class Architectures {

    private static final Map<String, Architecture> KNOWN = new TreeMap<>(Map.of(
            SmallCnn.NAME, new SmallCnn()));

    private Architectures() {
    }

    /** The sorted known names. */
    public static List<String> names() {
        return List.copyOf(KNOWN.keySet());
    }

    /**
     * The architecture called {@code name}.
     *
     * @throws ConfigurationException naming the known architectures when there is none
     */
    public static Architecture get(String name) {
        Architecture architecture = name == null ? null : KNOWN.get(name);
        if (architecture == null) {
            throw new ConfigurationException("Unknown architecture '" + name + "'. Known: "
                    + String.join(", ", KNOWN.keySet()));
        }
        return architecture;
    }
}
