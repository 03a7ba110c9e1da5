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
 * Batch-hard mining (Hermans, Beyer, Leibe 2017, "In Defense of the Triplet Loss for
 * Person Re-Identification", §2): each anchor that has at least one positive and one
 * negative in the batch gets one triplet, its farthest positive and its closest negative
 * by squared L2 distance; ties go to the lowest index. No randomness.
 *
 * <p>Counts in the {@link MiningResult}: {@code anchorPositivePairs} = all ordered pairs;
 * {@code candidateTriplets} = the triplets chosen (one per qualifying anchor, the rule
 * allows no other); {@code fallbackPairs} = 0; {@code skippedPairs} = pairs that got no
 * triplet, i.e. all pairs but each anchor's hardest one.
 */
@Component(service = TripletMiner.class, configurationPid = "facenet.miner." + HardestMiner.NAME,
        property = Plugin.NAME_PROPERTY + "=" + HardestMiner.NAME)
public final class HardestMiner implements TripletMiner {

    public static final String NAME = "hardest";

    private final HardestConfig config;

    public HardestMiner(HardestConfig config) {
        this.config = Objects.requireNonNull(config);
    }

    /** DS activation and the plain runtime: typed config from properties. */
    @Activate
    public HardestMiner(Map<String, Object> properties) {
        this(HardestConfig.from(properties));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** This miner's configuration. */
    public HardestConfig config() {
        return config;
    }

    @Override
    public MiningResult mine(EmbeddingBatch batch, MiningContext context) {
        return mine(LabelledDistances.of(batch), context);
    }

    MiningResult mine(LabelledDistances distances, MiningContext context) {
        return AnchorBlocks.mineAll(distances.size(), () -> (anchor, sink) -> mineAnchor(distances, anchor, sink));
    }

    private static void mineAnchor(LabelledDistances distances, int anchor, TripletSink sink) {
        int positives = AnchorBlocks.openAnchor(distances, anchor, sink);
        if (positives == 0) {
            return;
        }
        float[] row = distances.values();
        int offset = distances.rowOffset(anchor);
        int[] labels = distances.labels();
        int label = labels[anchor];
        int hardestPositive = -1;
        float farthest = Float.NEGATIVE_INFINITY;
        int hardestNegative = -1;
        float closest = Float.POSITIVE_INFINITY;
        // strict comparisons over ascending j keep the lowest index on ties
        for (int j = 0, n = distances.size(); j < n; j++) {
            float d = row[offset + j];
            if (labels[j] != label) {
                if (d < closest) {
                    closest = d;
                    hardestNegative = j;
                }
            } else if (j != anchor && d > farthest) {
                farthest = d;
                hardestPositive = j;
            }
        }
        sink.countCandidates(1);
        sink.countSkipped(positives - 1L);
        sink.offer(anchor, hardestPositive, hardestNegative);
    }
}
