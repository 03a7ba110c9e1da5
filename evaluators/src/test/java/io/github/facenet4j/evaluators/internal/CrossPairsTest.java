package io.github.facenet4j.evaluators.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.EvaluationInput;
import io.github.facenet4j.api.EvaluationInput.Pairs;
import io.github.facenet4j.api.RandomCases;
import io.github.facenet4j.evaluators.VerificationReport;
import org.junit.jupiter.api.Test;

/**
 * Cross pairs of two sets (i from A, j from B) give exactly what the explicit pairs (i, |A| + j)
 * over A and B stacked give, folds included; the explicit mode is itself checked against brute
 * force ({@link BruteForceReferenceTest}). Integer coordinates make every distance exact in
 * either mode.
 */
class CrossPairsTest {

    private static final int FOLDS = 10;

    @Test
    void crossPairsAreTheExplicitPairsOfEveryRowOfOneSetWithEveryRowOfTheOther() {
        RandomCases.check(30, random -> {
            int identities = 2 + random.nextInt(5);
            EmbeddingBatch a = Fixtures.integerGrid(5 + random.nextInt(60), 3, identities, 3, random.nextLong());
            EmbeddingBatch b = Fixtures.integerGrid(5 + random.nextInt(60), 3, identities, 3, random.nextLong());
            VerificationEvaluator evaluator = new VerificationEvaluator(VerificationConfig.defaults());
            VerificationReport cross = evaluator.evaluate(EvaluationInput.of(a).withAgainst(b))
                    .details(VerificationReport.class).orElseThrow();

            int n = a.size() * b.size();
            float[][] stacked = new float[a.size() + b.size()][];
            int[] labels = new int[stacked.length];
            for (int i = 0; i < a.size(); i++) {
                stacked[i] = a.embeddings()[i];
                labels[i] = a.labels()[i];
            }
            for (int j = 0; j < b.size(); j++) {
                stacked[a.size() + j] = b.embeddings()[j];
                labels[a.size() + j] = b.labels()[j];
            }
            int[] first = new int[n];
            int[] second = new int[n];
            boolean[] same = new boolean[n];
            int[] fold = new int[n];
            long sameCount = 0;
            for (int i = 0, p = 0; i < a.size(); i++) {
                for (int j = 0; j < b.size(); j++, p++) {
                    first[p] = i;
                    second[p] = a.size() + j;
                    same[p] = a.labels()[i] == b.labels()[j];
                    fold[p] = PairCollector.fold(i, j, FOLDS);
                    sameCount += same[p] ? 1 : 0;
                }
            }
            if (sameCount == 0 || sameCount == n) {
                return;
            }
            VerificationReport explicit = evaluator.evaluate(EvaluationInput.of(new EmbeddingBatch(stacked, labels))
                    .withPairs(new Pairs(first, second, same, fold))).details(VerificationReport.class).orElseThrow();
            assertThat(cross.pairsSame()).isEqualTo(sameCount).isEqualTo(explicit.pairsSame());
            assertThat(cross.pairsDiff()).isEqualTo(n - sameCount).isEqualTo(explicit.pairsDiff());
            assertThat(cross.val()).isEqualTo(explicit.val());
            assertThat(cross.threshold()).isEqualTo(explicit.threshold());
            assertThat(cross.auc()).isEqualTo(explicit.auc());
            assertThat(cross.eer()).isEqualTo(explicit.eer());
            assertThat(cross.foldAccuracies()).containsExactly(explicit.foldAccuracies());
            assertThat(cross.accuracyMean()).isEqualTo(explicit.accuracyMean());
        });
    }

    @Test
    void crossPairsWithExplicitPairsOrOfTwoDimensionsAreRefusedInOneLine() {
        EmbeddingBatch a = Fixtures.integerGrid(10, 3, 2, 3, 1);
        EmbeddingBatch b = Fixtures.integerGrid(10, 3, 2, 3, 2);
        VerificationEvaluator evaluator = new VerificationEvaluator(VerificationConfig.defaults());
        Pairs pairs = new Pairs(new int[] {0}, new int[] {1}, new boolean[] {true}, new int[] {0});
        assertThatThrownBy(() -> evaluator.evaluate(EvaluationInput.of(a).withPairs(pairs).withAgainst(b)))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("Verification pairs are either");
        assertThatThrownBy(() -> EvaluationInput.of(a).withAgainst(Fixtures.integerGrid(10, 2, 2, 3, 2)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Cross pairs need one space: the embeddings are 3-d, the set against them 2-d.");
    }
}
