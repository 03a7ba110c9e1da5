package io.github.facenet4j.mining.internal;

import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.MiningResult;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.TripletMiner;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * FaceNet's online semi-hard mining (Schroff, Kalenichenko, Philbin 2015, §3.2): every
 * ordered (anchor, positive) pair of the batch (a ≠ p, same label) gets a negative n with
 * d(a,p) &lt; d(a,n) &lt; d(a,p) + α, on squared L2 distances. See {@link SemiHardConfig}
 * for the choice within the band, the fallback for pairs whose band is empty and mode
 * {@code all}. Triplets come by anchor, then positive index; in mode {@code all} a pair's
 * negatives come nearest first (ties: lower index). Comparisons are those of the band
 * core: d(a,n) &gt; d(a,p) on the floats, d(a,n) &lt; d(a,p) + α in double.
 *
 * <p>Counts in the {@link MiningResult}: {@code anchorPositivePairs} = all ordered pairs;
 * {@code candidateTriplets} = all semi-hard triplets (band sizes summed, before the
 * per-pair choice or the cap); {@code fallbackPairs} = pairs with an empty band that got a
 * random easier negative; {@code skippedPairs} = pairs with an empty band and no fallback
 * negative (or no negative at all in the batch). In mode {@code all} a fallback triplet
 * competes for the cap like a semi-hard one.
 */
@Component(service = TripletMiner.class, configurationPid = "facenet.miner." + SemiHardMiner.NAME,
        property = Plugin.NAME_PROPERTY + "=" + SemiHardMiner.NAME)
public final class SemiHardMiner implements TripletMiner {

    public static final String NAME = "semi-hard";

    private final SemiHardConfig config;

    public SemiHardMiner(SemiHardConfig config) {
        this.config = Objects.requireNonNull(config);
    }

    /** DS activation and the plain runtime: typed config from properties. */
    @Activate
    public SemiHardMiner(Map<String, Object> properties) {
        this(SemiHardConfig.from(properties));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** This miner's configuration. */
    public SemiHardConfig config() {
        return config;
    }

    @Override
    public MiningResult mine(EmbeddingBatch batch, MiningContext context) {
        return mine(LabelledDistances.of(batch), context);
    }

    MiningResult mine(LabelledDistances distances, MiningContext context) {
        BandSelection.Rule rule = BandSelection.Rule.band(config.margin(), config.selection(), config.fallback(),
                config.mode() == SemiHardConfig.Mode.ALL);
        return BandSelection.mine(distances, context, rule, config.maxTriplets());
    }
}
