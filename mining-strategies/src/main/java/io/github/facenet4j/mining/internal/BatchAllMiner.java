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
 * Batch-all mining (Hermans, Beyer, Leibe 2017, §2, "batch all"): every valid triplet with
 * a non-zero triplet loss, d(a,p) − d(a,n) + α &gt; 0 (computed in double on the float
 * squared L2 distances), at most {@code max-triplets} of them: beyond the cap a uniform
 * sample chosen by reservoir sampling, seeded from the context. Triplets come ordered by
 * anchor, then positive, then negative index.
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
        LabelledDistances distances = LabelledDistances.of(batch);
        int n = distances.size();
        double margin = config.margin();
        return AnchorBlocks.mineCapped(n, AnchorBlocks.effectiveCap(config.maxTriplets(), n),
                new AnchorRandoms(context).forBatch(), () -> new NegativeList(distances) {
                    @Override
                    void minePair(int anchor, int positive, float dp, TripletSink sink) {
                        float[] row = distances.values();
                        int offset = distances.rowOffset(anchor);
                        long valid = 0;
                        for (int k = 0; k < count(); k++) {
                            int negative = negative(k);
                            if ((double) dp - row[offset + negative] + margin > 0) {
                                valid++;
                                sink.offer(anchor, positive, negative);
                            }
                        }
                        sink.countCandidates(valid);
                        if (valid == 0) {
                            sink.countSkipped(1);
                        }
                    }
                });
    }
}
