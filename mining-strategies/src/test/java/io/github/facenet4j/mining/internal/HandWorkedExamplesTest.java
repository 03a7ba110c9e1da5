package io.github.facenet4j.mining.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.MiningResult;
import io.github.facenet4j.api.Triplets;
import io.github.facenet4j.mining.internal.SemiHardConfig.Fallback;
import io.github.facenet4j.mining.internal.SemiHardConfig.Mode;
import io.github.facenet4j.mining.internal.SemiHardConfig.Selection;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * One-dimensional points at small integers, so every squared distance is exact in float:
 * identity A at 0 (row 0) and 1 (row 1); identity B at 2, 3 and 5 (rows 2, 3, 4); a
 * singleton C at −2 (row 5). Squared distances:
 * <pre>
 *        0   1   2   3   4   5
 *   0    0   1   4   9  25   4
 *   1    1   0   1   4  16   9
 *   2    4   1   0   1   9  16
 *   3    9   4   1   0   4  25
 *   4   25  16   9   4   0  49
 * </pre>
 * Margin α = 5 throughout.
 */
class HandWorkedExamplesTest {

    private static final EmbeddingBatch LINE = new EmbeddingBatch(
            new float[][] {{0}, {1}, {2}, {3}, {5}, {-2}}, new int[] {0, 0, 1, 1, 1, 2});
    private static final MiningContext CONTEXT = new MiningContext(7, 11);

    @Test
    void findsTheClosestSemiHardNegativeInsideTheMargin() {
        // (0,1): d=1, band (1,6) holds rows 2 and 5 at 4 → lowest index 2
        // (1,0): d=1, band (1,6) holds row 3 at 4 (row 2 at exactly 1 is not farther)
        // (2,3): d=1, band (1,6) holds row 0 at 4;  (3,2): d=1, band holds row 1 at 4
        // (2,4): d=9, (3,4): d=4, (4,2): d=9, (4,3): d=4 have empty bands
        MiningResult result = semiHard(Fallback.SKIP, Mode.PER_PAIR).mine(LINE, CONTEXT);

        assertThat(rows(result.triplets())).containsExactly(
                tuple(0, 1, 2), tuple(1, 0, 3), tuple(2, 3, 0), tuple(3, 2, 1));
        assertThat(result.anchorPositivePairs()).isEqualTo(8);
        assertThat(result.candidateTriplets()).isEqualTo(5);
        assertThat(result.fallbackPairs()).isZero();
        assertThat(result.skippedPairs()).isEqualTo(4);
    }

    @Test
    void fallsBackToAnEasierNegativeWhenTheBandIsEmpty() {
        MiningResult result = semiHard(Fallback.RANDOM_EASIER, Mode.PER_PAIR).mine(LINE, CONTEXT);

        // (2,4): d=9, the only farther negative is row 5 at 16
        assertThat(rows(result.triplets())).hasSize(8).contains(tuple(2, 4, 5));
        assertThat(result.fallbackPairs()).isEqualTo(4);
        assertThat(result.skippedPairs()).isZero();
    }

    @Test
    void modeAllListsEverySemiHardNegative() {
        MiningResult result = semiHard(Fallback.SKIP, Mode.ALL).mine(LINE, CONTEXT);

        assertThat(rows(result.triplets())).containsExactly(
                tuple(0, 1, 2), tuple(0, 1, 5), tuple(1, 0, 3), tuple(2, 3, 0), tuple(3, 2, 1));
    }

    @Test
    void hardestPairsTheFarthestPositiveWithTheClosestNegative() {
        MiningResult result = new HardestMiner(HardestConfig.defaults()).mine(LINE, CONTEXT);

        // anchor 0: negatives 2 and 5 tie at 4 → row 2; anchor 2: positive 4 at 9, negative 1 at 1
        assertThat(rows(result.triplets())).containsExactly(
                tuple(0, 1, 2), tuple(1, 0, 2), tuple(2, 4, 1), tuple(3, 4, 1), tuple(4, 2, 1));
        assertThat(result.candidateTriplets()).isEqualTo(5);
        assertThat(result.skippedPairs()).isEqualTo(3);
    }

    @Test
    void batchAllKeepsTripletsWithPositiveLoss() {
        MiningResult result = new BatchAllMiner(new BatchAllConfig(5, 0)).mine(LINE, CONTEXT);

        // d(a,n) < d(a,p) + 5; (3,4) with row 0 at 9 = 4 + 5 has zero loss and is left out.
        // Per pair, nearer negatives first: from row 2, row 1 (1) before row 0 (4)
        assertThat(rows(result.triplets())).containsExactly(
                tuple(0, 1, 2), tuple(0, 1, 5), tuple(1, 0, 2), tuple(1, 0, 3),
                tuple(2, 3, 1), tuple(2, 3, 0), tuple(2, 4, 1), tuple(2, 4, 0),
                tuple(3, 2, 1), tuple(3, 4, 1));
        assertThat(result.candidateTriplets()).isEqualTo(10);
        assertThat(result.skippedPairs()).isEqualTo(2);
    }

    @Test
    void curriculumStartsWithAWideBand() {
        // band 40 at step 0: (4,2) with d=9 takes any of rows 0, 1 (16, 25 < 49) but not 5 (49)
        CurriculumMiner curriculum = new CurriculumMiner(new CurriculumConfig(5, 10, 10, 40, CurriculumConfig.FinalStage.HARDEST));
        MiningResult result = curriculum.mine(LINE, new MiningContext(0, 3));

        assertThat(result.fallbackPairs()).isZero();
        assertThat(rows(result.triplets())).hasSize(8).filteredOn(t -> t.toList().get(0).equals(4)
                && t.toList().get(1).equals(2)).singleElement()
                .satisfies(t -> assertThat(t.toList().get(2)).isIn(0, 1));
    }

    @Test
    void aBatchOfOneIdentityYieldsNoTriplets() {
        EmbeddingBatch single = new EmbeddingBatch(new float[][] {{0}, {1}, {2}}, new int[] {4, 4, 4});

        for (var miner : java.util.List.of(new SemiHardMiner(SemiHardConfig.defaults()),
                new HardestMiner(HardestConfig.defaults()), new BatchAllMiner(BatchAllConfig.defaults()),
                new RandomMiner(RandomConfig.defaults()), new CurriculumMiner(CurriculumConfig.defaults()))) {
            MiningResult result = miner.mine(single, MiningContext.initial());
            assertThat(result.triplets().size()).as(miner.name()).isZero();
            assertThat(result.anchorPositivePairs()).as(miner.name()).isEqualTo(6);
            assertThat(result.skippedPairs()).as(miner.name()).isEqualTo(6);
        }
    }

    private static SemiHardMiner semiHard(Fallback fallback, Mode mode) {
        return new SemiHardMiner(new SemiHardConfig(5, Selection.CLOSEST, fallback, mode, 0));
    }

    private static java.util.List<Tuple> rows(Triplets triplets) {
        java.util.List<Tuple> rows = new java.util.ArrayList<>();
        for (int t = 0; t < triplets.size(); t++) {
            rows.add(tuple(triplets.anchors()[t], triplets.positives()[t], triplets.negatives()[t]));
        }
        return rows;
    }
}
