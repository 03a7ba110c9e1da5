package io.github.facenet4j.mining.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.MiningResult;
import io.github.facenet4j.mining.internal.BruteForce.Pair;
import io.github.facenet4j.mining.internal.BruteForce.Triplet;
import io.github.facenet4j.mining.internal.SemiHardConfig.Fallback;
import io.github.facenet4j.mining.internal.SemiHardConfig.Mode;
import io.github.facenet4j.mining.internal.SemiHardConfig.Selection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The property tests use small batches, mined on the calling thread; 320 rows (10 blocks)
 * take the parallel path, whose joined output must equal the same definitions.
 */
class ParallelBlocksTest {

    private static final EmbeddingBatch BATCH = Batches.clustered(9, 10, 32, 32, 1.3);
    private static final BruteForce BF = new BruteForce(BATCH);

    @Test
    void semiHardClosestEqualsBruteForceAcrossBlocks() {
        MiningResult result = new SemiHardMiner(new SemiHardConfig(0.2, Selection.CLOSEST, Fallback.SKIP,
                Mode.PER_PAIR, 0)).mine(BATCH, new MiningContext(1, 2));

        List<Triplet> expected = new ArrayList<>();
        long candidates = 0;
        for (Pair pair : BF.pairs()) {
            List<Integer> band = BF.band(pair, 0.2);
            candidates += band.size();
            if (!band.isEmpty()) {
                expected.add(new Triplet(pair.anchor(), pair.positive(), BF.closest(pair, band)));
            }
        }
        assertThat(expected).isNotEmpty().hasSizeLessThan(BF.pairs().size());
        assertThat(BruteForce.list(result.triplets())).containsExactlyElementsOf(expected);
        assertThat(result.candidateTriplets()).isEqualTo(candidates);
        assertThat(result.skippedPairs()).isEqualTo(BF.pairs().size() - expected.size());
    }

    @Test
    void hardestEqualsBruteForceAcrossBlocks() {
        MiningResult result = new HardestMiner(HardestConfig.defaults()).mine(BATCH, MiningContext.initial());

        assertThat(BruteForce.list(result.triplets())).containsExactlyElementsOf(BF.hardest());
    }

    @Test
    void batchAllCapSamplesAcrossBlocks() {
        List<Triplet> valid = BF.batchAll(0.2);
        int cap = valid.size() / 3;
        MiningResult result = new BatchAllMiner(new BatchAllConfig(0.2, cap)).mine(BATCH, new MiningContext(4, 4));

        BruteForce.assertCappedSample(result, valid, cap);
        // a uniform sample reaches (nearly) every block of anchors
        assertThat(BruteForce.list(result.triplets()).stream().map(t -> t.anchor() / AnchorBlocks.BLOCK).distinct())
                .hasSizeGreaterThanOrEqualTo(9);
    }
}
