package io.github.facenet4j.mining.internal;

import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the {@link SemiHardMiner} (FaceNet, Schroff et al. 2015, §3.2).
 *
 * @param margin      the triplet-loss margin α &gt; 0: the semi-hard band is
 *                    d(a,p) &lt; d(a,n) &lt; d(a,p) + α (key {@code margin}, default 0.2)
 * @param selection   which band negative a pair gets (key {@code selection}, default {@code closest})
 * @param fallback    what a pair with an empty band gets (key {@code fallback}, default {@code random-easier})
 * @param mode        one negative per pair or all of them (key {@code mode}, default {@code per-pair})
 * @param maxTriplets cap for mode {@code all}, ≥ 1, or 0 for n² in a batch of n; beyond it a
 *                    uniform sample is kept (key {@code max-triplets}, default 0)
 */
public record SemiHardConfig(double margin, Selection selection, Fallback fallback, Mode mode, long maxTriplets) {

    /** How a negative is chosen from a non-empty band. */
    public enum Selection {
        /** The smallest d(a,n) in the band (ties: lowest index), as TensorFlow's triplet_semihard_loss. */
        CLOSEST,
        /** Uniformly random in the band, as FaceNet's reference code. */
        RANDOM
    }

    /** What a pair gets when its band is empty. */
    public enum Fallback {
        /** A uniformly random negative with d(a,n) &gt; d(a,p); when there is none the pair is skipped. */
        RANDOM_EASIER,
        /** Nothing: the pair is skipped. */
        SKIP
    }

    /** How many negatives a pair gets. */
    public enum Mode {
        /** One negative per (anchor, positive) pair, as FaceNet does. */
        PER_PAIR,
        /** Every semi-hard negative of each pair, up to {@code max-triplets} in all. */
        ALL
    }

    public static final double DEFAULT_MARGIN = 0.2;

    public SemiHardConfig {
        ConfigChecks.requirePositiveFinite("margin", margin);
        ConfigChecks.requireChoice("selection", selection);
        ConfigChecks.requireChoice("fallback", fallback);
        ConfigChecks.requireChoice("mode", mode);
        ConfigChecks.requireCap("max-triplets", maxTriplets);
    }

    /** α = 0.2, closest, random-easier, per-pair, cap n². */
    public static SemiHardConfig defaults() {
        return new SemiHardConfig(DEFAULT_MARGIN, Selection.CLOSEST, Fallback.RANDOM_EASIER, Mode.PER_PAIR, 0);
    }

    /** Reads {@code margin}, {@code selection}, {@code fallback}, {@code mode}, {@code max-triplets}. */
    public static SemiHardConfig from(Map<String, ?> properties) {
        Settings settings = Settings.forPlugin(PluginKind.MINER, SemiHardMiner.NAME, Objects.requireNonNull(properties));
        SemiHardConfig d = defaults();
        double margin = settings.getDouble("margin", d.margin());
        Selection selection = settings.getChoice("selection", Selection.class, d.selection());
        Fallback fallback = settings.getChoice("fallback", Fallback.class, d.fallback());
        Mode mode = settings.getChoice("mode", Mode.class, d.mode());
        long maxTriplets = settings.getLong("max-triplets", d.maxTriplets());
        settings.refuseUnknownKeys();
        return new SemiHardConfig(margin, selection, fallback, mode, maxTriplets);
    }
}
