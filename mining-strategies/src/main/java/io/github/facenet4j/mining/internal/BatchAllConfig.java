package io.github.facenet4j.mining.internal;

import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the {@link BatchAllMiner}.
 *
 * @param margin      the triplet-loss margin α &gt; 0: triplets with d(a,p) − d(a,n) + α &gt; 0
 *                    are kept (key {@code margin}, default 0.2)
 * @param maxTriplets at most this many triplets, ≥ 1, or 0 for n² in a batch of n; beyond it
 *                    a uniform sample is kept (key {@code max-triplets}, default 0)
 */
public record BatchAllConfig(double margin, long maxTriplets) {

    public BatchAllConfig {
        ConfigChecks.requirePositiveFinite("margin", margin);
        ConfigChecks.requireCap("max-triplets", maxTriplets);
    }

    /** α = 0.2, cap n². */
    public static BatchAllConfig defaults() {
        return new BatchAllConfig(SemiHardConfig.DEFAULT_MARGIN, 0);
    }

    /** Reads {@code margin} and {@code max-triplets}. */
    public static BatchAllConfig from(Map<String, ?> properties) {
        Settings settings = Settings.forPlugin(PluginKind.MINER, BatchAllMiner.NAME, Objects.requireNonNull(properties));
        BatchAllConfig d = defaults();
        double margin = settings.getDouble("margin", d.margin());
        long maxTriplets = settings.getLong("max-triplets", d.maxTriplets());
        settings.refuseUnknownKeys();
        return new BatchAllConfig(margin, maxTriplets);
    }
}
