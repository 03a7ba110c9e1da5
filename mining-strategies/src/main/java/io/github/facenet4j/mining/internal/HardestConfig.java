package io.github.facenet4j.mining.internal;

import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the {@link HardestMiner}: batch-hard mining has no parameters (the
 * margin belongs to the loss), so this record is empty; it exists so that every miner is
 * configured the same way.
 */
public record HardestConfig() {

    /** The only configuration. */
    public static HardestConfig defaults() {
        return new HardestConfig();
    }

    /** Reads no keys: any key but the framework's is refused. */
    public static HardestConfig from(Map<String, ?> properties) {
        Settings.forPlugin(PluginKind.MINER, HardestMiner.NAME, Objects.requireNonNull(properties)).refuseUnknownKeys();
        return defaults();
    }
}
