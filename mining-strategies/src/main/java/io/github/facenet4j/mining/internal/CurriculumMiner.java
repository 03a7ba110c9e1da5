package io.github.facenet4j.mining.internal;

import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.MiningResult;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.TripletMiner;
import io.github.facenet4j.mining.internal.SemiHardConfig.Fallback;
import io.github.facenet4j.mining.internal.SemiHardConfig.Mode;
import io.github.facenet4j.mining.internal.SemiHardConfig.Selection;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * A curriculum from easy to hard triplets by training step ({@link MiningContext#step()}),
 * after FaceNet's remark that the hardest negatives early in training lead to collapsed
 * models and that harder triplets help later (Schroff et al. 2015, §3.2):
 * <ol>
 *   <li>steps [0, easy-steps): each (a,p) pair gets a random negative in the wide band
 *       d(a,p) &lt; d(a,n) &lt; d(a,p) + w(step), w narrowing linearly from initial-band
 *       to α, with the random-easier fallback;</li>
 *   <li>the next semi-hard-steps steps: the semi-hard rule with random selection, exactly
 *       as a {@link SemiHardMiner} configured {@code selection = random};</li>
 *   <li>then the final stage: batch-hard exactly as the {@link HardestMiner}, or
 *       semi-hard as in stage 2.</li>
 * </ol>
 * {@link #stageAt(long)} says which applies at a step. Counts in the {@link MiningResult}
 * are those of the stage's rule (see {@link SemiHardMiner} and {@link HardestMiner}).
 */
@Component(service = TripletMiner.class, configurationPid = "facenet.miner." + CurriculumMiner.NAME,
        property = Plugin.NAME_PROPERTY + "=" + CurriculumMiner.NAME)
public final class CurriculumMiner implements TripletMiner {

    public static final String NAME = "curriculum";

    /** The rule of a stage. */
    public enum Kind {
        /** Random negative in a band wider than α. */
        EASY,
        /** Semi-hard, random within the band. */
        SEMI_HARD,
        /** Batch-hard. */
        HARDEST
    }

    /**
     * What applies at a step, for the trainer's logs.
     *
     * @param kind the rule
     * @param band the band width w for {@link Kind#EASY} and {@link Kind#SEMI_HARD} (α);
     *             0 for {@link Kind#HARDEST}, which uses no band
     */
    public record Stage(Kind kind, double band) {
    }

    private final CurriculumConfig config;
    private final SemiHardMiner semiHard;
    private final HardestMiner hardest;

    public CurriculumMiner(CurriculumConfig config) {
        this.config = Objects.requireNonNull(config);
        this.semiHard = new SemiHardMiner(new SemiHardConfig(config.margin(), Selection.RANDOM,
                Fallback.RANDOM_EASIER, Mode.PER_PAIR, 0));
        this.hardest = new HardestMiner(HardestConfig.defaults());
    }

    /** DS activation and the plain runtime: typed config from properties. */
    @Activate
    public CurriculumMiner(Map<String, Object> properties) {
        this(CurriculumConfig.from(properties));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** This miner's configuration. */
    public CurriculumConfig config() {
        return config;
    }

    /** The stage and band width at training step {@code step} ≥ 0. */
    public Stage stageAt(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be ≥ 0, got " + step);
        }
        if (step < config.easySteps()) {
            double progress = (double) step / config.easySteps();
            return new Stage(Kind.EASY, config.initialBand() + (config.margin() - config.initialBand()) * progress);
        }
        // step - easySteps cannot overflow: both are ≥ 0
        if (step - config.easySteps() < config.semiHardSteps()
                || config.finalStage() == CurriculumConfig.FinalStage.SEMI_HARD) {
            return new Stage(Kind.SEMI_HARD, config.margin());
        }
        return new Stage(Kind.HARDEST, 0);
    }

    @Override
    public MiningResult mine(EmbeddingBatch batch, MiningContext context) {
        LabelledDistances distances = LabelledDistances.of(batch);
        Stage stage = stageAt(context.step());
        return switch (stage.kind()) {
            case EASY -> BandSelection.mine(distances, context,
                    BandSelection.Rule.band(stage.band(), Selection.RANDOM, Fallback.RANDOM_EASIER, false), 0);
            case SEMI_HARD -> semiHard.mine(distances, context);
            case HARDEST -> hardest.mine(distances, context);
        };
    }
}
