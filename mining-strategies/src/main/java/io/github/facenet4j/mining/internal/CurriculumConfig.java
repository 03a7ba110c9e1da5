package io.github.facenet4j.mining.internal;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the {@link CurriculumMiner}'s schedule from easy to hard triplets
 * (FaceNet §3.2 trains on easier triplets first; semi-hard, then harder, later).
 *
 * @param margin        the triplet-loss margin α &gt; 0, the band width of the semi-hard stage
 *                      (key {@code margin}, default 0.2)
 * @param easySteps     steps of the easy stage, ≥ 0 (key {@code easy-steps}, default 1000)
 * @param semiHardSteps steps of the semi-hard stage after it, ≥ 0 (key {@code semi-hard-steps},
 *                      default 2000)
 * @param initialBand   band width at step 0, finite and ≥ α; it narrows linearly to α over
 *                      the easy stage (key {@code initial-band}, default 1.0)
 * @param finalStage    the rule after both stages (key {@code final-stage}, default {@code hardest})
 */
public record CurriculumConfig(double margin, long easySteps, long semiHardSteps, double initialBand,
                               FinalStage finalStage) {

    /** The rule once the schedule has run its course. */
    public enum FinalStage {
        /** Batch-hard, as the {@link HardestMiner}. */
        HARDEST,
        /** Semi-hard with random selection, as in the semi-hard stage. */
        SEMI_HARD
    }

    public CurriculumConfig {
        ConfigChecks.requirePositiveFinite("margin", margin);
        ConfigChecks.requireNonNegative("easy-steps", easySteps);
        ConfigChecks.requireNonNegative("semi-hard-steps", semiHardSteps);
        ConfigChecks.requirePositiveFinite("initial-band", initialBand);
        if (initialBand < margin) {
            throw new ConfigurationException("initial-band must be ≥ margin (" + margin + "), got " + initialBand);
        }
        ConfigChecks.requireChoice("final-stage", finalStage);
    }

    /** α = 0.2, 1000 easy steps from band 1.0, 2000 semi-hard steps, then hardest. */
    public static CurriculumConfig defaults() {
        return new CurriculumConfig(SemiHardConfig.DEFAULT_MARGIN, 1000, 2000, 1.0, FinalStage.HARDEST);
    }

    /** Reads {@code margin}, {@code easy-steps}, {@code semi-hard-steps}, {@code initial-band}, {@code final-stage}. */
    public static CurriculumConfig from(Map<String, ?> properties) {
        Settings settings = Settings.forPlugin(PluginKind.MINER, CurriculumMiner.NAME,
                Objects.requireNonNull(properties));
        CurriculumConfig d = defaults();
        double margin = settings.getDouble("margin", d.margin());
        long easySteps = settings.getLong("easy-steps", d.easySteps());
        long semiHardSteps = settings.getLong("semi-hard-steps", d.semiHardSteps());
        double initialBand = settings.getDouble("initial-band", d.initialBand());
        FinalStage finalStage = settings.getChoice("final-stage", FinalStage.class, d.finalStage());
        settings.refuseUnknownKeys();
        return new CurriculumConfig(margin, easySteps, semiHardSteps, initialBand, finalStage);
    }
}
