package io.github.facenet4j.mining.internal;

import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.MiningResult;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.TripletMiner;
import io.github.facenet4j.mining.internal.SemiHardConfig.Fallback;
import io.github.facenet4j.mining.internal.SemiHardConfig.Selection;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Batch-all mining (Hermans, Beyer, Leibe 2017, §2, "batch all"): every valid triplet with
 * a non-zero triplet loss, d(a,p) − d(a,n) + α &gt; 0, i.e. d(a,n) &lt; d(a,p) + α (compared
 * in double on the float squared L2 distances), at most {@code max-triplets} of them:
 * beyond the cap a uniform sample chosen by reservoir sampling, seeded from the context.
 * Triplets come ordered by anchor, then positive index, then d(a,n) (ties: lower index).
 * Shares the semi-hard miner's band core, so only negatives below the anchor's largest
 * d(a,p) + α are ever sorted.
 *
 * <p>Counts in the {@link MiningResult}: {@code anchorPositivePairs} = all ordered pairs;
 * {@code candidateTriplets} = the exact number of such triplets, also when capped;
 * {@code fallbackPairs} = 0; {@code skippedPairs} = pairs with no such triplet.
 */
@Component(service = TripletMiner.class, configurationPid = "facenet.miner." + BatchAllMiner.NAME,
        property = Plugin.NAME_PROPERTY + "=" + BatchAllMiner.NAME)
public final class BatchAllMiner implements TripletMiner {

    public static final String NAME = "batch-all";

    private final BatchAllConfig config;

    public BatchAllMiner(BatchAllConfig config) {
        this.config = Objects.requireNonNull(config);
    }

    /** DS activation and the plain runtime: typed config from properties. */
    @Activate
    public BatchAllMiner(Map<String, Object> properties) {
        this(BatchAllConfig.from(properties));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** This miner's configuration. */
    public BatchAllConfig config() {
        return config;
    }

    @Override
    public MiningResult mine(EmbeddingBatch batch, MiningContext context) {
        // d(a,p) − d(a,n) + α > 0  ⇔  d(a,n) < d(a,p) + α: the band rule without its lower bound
        BandSelection.Rule rule = new BandSelection.Rule(config.margin(), true, Selection.CLOSEST, Fallback.SKIP, true);
        return BandSelection.mine(LabelledDistances.of(batch), context, rule, config.maxTriplets());
    }
}
