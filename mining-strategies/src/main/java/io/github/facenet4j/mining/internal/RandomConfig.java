package io.github.facenet4j.mining.internal;

import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import java.util.Map;
import java.util.Objects;

/** Configuration of the {@link RandomMiner}: it has no parameters, so this record is empty. */
public record RandomConfig() {

    /** The only configuration. */
    public static RandomConfig defaults() {
        return new RandomConfig();
    }

    /** Reads no keys: any key but the framework's is refused. */
    public static RandomConfig from(Map<String, ?> properties) {
        Settings.forPlugin(PluginKind.MINER, RandomMiner.NAME, Objects.requireNonNull(properties)).refuseUnknownKeys();
        return defaults();
    }
}
