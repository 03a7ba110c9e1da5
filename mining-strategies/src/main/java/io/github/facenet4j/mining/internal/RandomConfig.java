package io.github.facenet4j.mining.internal;

import java.util.Map;
import java.util.Objects;

/** Configuration of the {@link RandomMiner}: it has no parameters, so this record is empty. */
public record RandomConfig() {

    /** The only configuration. */
    public static RandomConfig defaults() {
        return new RandomConfig();
    }

    /** Reads no keys; any properties are ignored. */
    public static RandomConfig from(Map<String, ?> properties) {
        Objects.requireNonNull(properties);
        return defaults();
    }
}
