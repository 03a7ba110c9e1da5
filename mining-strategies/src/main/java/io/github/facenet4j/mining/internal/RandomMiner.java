package io.github.facenet4j.mining.internal;

import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.MiningResult;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.TripletMiner;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * A baseline without hardness: every ordered (anchor, positive) pair gets one uniformly
 * random negative of the batch, whatever the distances (FaceNet §3.2 contrasts its
 * semi-hard choice with such random negatives).
 *
 * <p>Counts in the {@link MiningResult}: {@code anchorPositivePairs} = all ordered pairs;
 * {@code candidateTriplets} = all valid triplets (each pair times its anchor's negatives);
 * {@code fallbackPairs} = 0; {@code skippedPairs} = pairs whose anchor has no negative
 * (a batch of one identity).
 */
@Component(service = TripletMiner.class, configurationPid = "facenet.miner." + RandomMiner.NAME,
        property = Plugin.NAME_PROPERTY + "=" + RandomMiner.NAME)
public final class RandomMiner implements TripletMiner {

    public static final String NAME = "random";

    private final RandomConfig config;

    public RandomMiner(RandomConfig config) {
        this.config = Objects.requireNonNull(config);
    }

    /** DS activation and the plain runtime: typed config from properties. */
    @Activate
    public RandomMiner(Map<String, Object> properties) {
        this(RandomConfig.from(properties));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** This miner's configuration. */
    public RandomConfig config() {
        return config;
    }

    @Override
    public MiningResult mine(EmbeddingBatch batch, MiningContext context) {
        LabelledDistances distances = LabelledDistances.of(batch);
        AnchorRandoms randoms = new AnchorRandoms(context);
        return AnchorBlocks.mineAll(distances.size(), () -> new AnyNegative(distances, randoms));
    }

    /** Per block: the anchor's negatives listed once, then one uniform draw per pair. */
    private static final class AnyNegative implements AnchorBlocks.AnchorRule {
        private final LabelledDistances distances;
        private final AnchorRandoms randoms;
        private final int[] negatives;

        AnyNegative(LabelledDistances distances, AnchorRandoms randoms) {
            this.distances = distances;
            this.randoms = randoms;
            this.negatives = new int[distances.size()];
        }

        @Override
        public void mine(int anchor, TripletSink sink) {
            if (AnchorBlocks.openAnchor(distances, anchor, sink) == 0) {
                return;
            }
            int[] labels = distances.labels();
            int count = 0;
            for (int j = 0, n = distances.size(); j < n; j++) {
                if (labels[j] != labels[anchor]) {
                    negatives[count++] = j;
                }
            }
            SplittableRandom random = randoms.forAnchor(anchor);
            for (int positive : distances.identityOf(anchor)) {
                if (positive != anchor) {
                    sink.countCandidates(count);
                    sink.offer(anchor, positive, negatives[random.nextInt(count)]);
                }
            }
        }
    }
}
