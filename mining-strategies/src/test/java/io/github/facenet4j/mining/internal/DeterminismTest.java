package io.github.facenet4j.mining.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.MiningResult;
import io.github.facenet4j.api.TripletMiner;
import io.github.facenet4j.mining.internal.SemiHardConfig.Fallback;
import io.github.facenet4j.mining.internal.SemiHardConfig.Mode;
import io.github.facenet4j.mining.internal.SemiHardConfig.Selection;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A batch large enough (600 rows) that anchors are mined in parallel blocks. */
class DeterminismTest {

    private static final EmbeddingBatch BATCH = Batches.clustered(5, 20, 30, 16, 1.3);

    static Stream<TripletMiner> randomisedMiners() {
        return Stream.of(
                new SemiHardMiner(new SemiHardConfig(0.2, Selection.RANDOM, Fallback.RANDOM_EASIER, Mode.PER_PAIR, 0)),
                new SemiHardMiner(new SemiHardConfig(0.2, Selection.CLOSEST, Fallback.RANDOM_EASIER, Mode.ALL, 5000)),
                new BatchAllMiner(new BatchAllConfig(0.2, 5000)),
                new RandomMiner(RandomConfig.defaults()),
                new CurriculumMiner(CurriculumConfig.defaults()));
    }

    @ParameterizedTest
    @MethodSource("randomisedMiners")
    void sameContextGivesTheSameTriplets(TripletMiner miner) {
        MiningContext context = new MiningContext(42, 7);

        List<BruteForce.Triplet> first = BruteForce.list(miner.mine(BATCH, context).triplets());
        for (int run = 0; run < 3; run++) {
            assertThat(BruteForce.list(miner.mine(BATCH, context).triplets())).isEqualTo(first);
        }
        assertThat(first).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("randomisedMiners")
    void anotherStepOrSeedDrawsOtherRandomChoices(TripletMiner miner) {
        List<BruteForce.Triplet> base = BruteForce.list(miner.mine(BATCH, new MiningContext(42, 7)).triplets());

        assertThat(BruteForce.list(miner.mine(BATCH, new MiningContext(43, 7)).triplets())).isNotEqualTo(base);
        assertThat(BruteForce.list(miner.mine(BATCH, new MiningContext(42, 8)).triplets())).isNotEqualTo(base);
    }

    @ParameterizedTest
    @MethodSource("randomisedMiners")
    void minedTripletsAreValidAndInAnchorOrder(TripletMiner miner) {
        MiningResult result = miner.mine(BATCH, new MiningContext(42, 7));

        result.triplets().requireValidFor(BATCH);
        assertThat(result.triplets().anchors()).isSorted();
    }
}
