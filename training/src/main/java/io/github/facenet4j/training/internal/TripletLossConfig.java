package io.github.facenet4j.training.internal;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the {@link TripletLoss}.
 *
 * @param margin    α in FaceNet eq. 1–2, the gap enforced between positive and negative
 *                  squared distances; the paper uses 0.2
 * @param reduction how the per-triplet hinge values are combined
 */
public record TripletLossConfig(double margin, Reduction reduction) {

    /** Property keys, as written in {@code conf/facenet.loss.triplet.cfg}. */
    public static final String MARGIN = "margin";
    public static final String REDUCTION = "reduction";

    /** How per-triplet losses become one value (and how the gradient is scaled). */
    public enum Reduction {
        /** Mean over all given triplets, as FaceNet's reference code averages its batch. */
        MEAN_ALL,
        /** Mean over triplets with a positive hinge only, as Hermans et al. (2017) do for batch-all. */
        MEAN_ACTIVE,
        /** The plain sum of FaceNet eq. 2. */
        SUM
    }

    public TripletLossConfig {
        Objects.requireNonNull(reduction, "reduction");
        if (!(margin > 0) || !Double.isFinite(margin)) {
            throw new ConfigurationException("loss triplet: margin must be > 0 and finite, got " + margin);
        }
    }

    /** α = 0.2, mean over all triplets. */
    public static TripletLossConfig defaults() {
        return new TripletLossConfig(0.2, Reduction.MEAN_ALL);
    }

    /** Reads {@code margin} and {@code reduction} ({@code mean-all}, {@code mean-active}, {@code sum}). */
    public static TripletLossConfig from(Map<String, ?> properties) {
        Settings settings = Settings.forPlugin(PluginKind.LOSS, TripletLoss.NAME, properties);
        TripletLossConfig defaults = defaults();
        double margin = settings.getDouble(MARGIN, defaults.margin());
        Reduction reduction = settings.getChoice(REDUCTION, Reduction.class, defaults.reduction());
        settings.refuseUnknownKeys();
        return new TripletLossConfig(margin, reduction);
    }
}
