package io.github.facenet4j.evaluators.internal;

import static io.github.facenet4j.api.Draw.between;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.EvaluationInput;
import io.github.facenet4j.api.EvaluationInput.Metric;
import io.github.facenet4j.api.EvaluationInput.Options;
import io.github.facenet4j.api.EvaluationInput.Pairs;
import io.github.facenet4j.api.RandomCases;
import io.github.facenet4j.evaluators.VerificationReport;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Streaming all pairs gives exactly what listing them as explicit pairs gives. */
class AllPairsStreamingTest {

    @ParameterizedTest
    @EnumSource(Metric.class)
    void streamedAllPairsEqualExplicitPairs(Metric metric) {
        // 300 rows: several 64-row blocks, the last one partial.
        EmbeddingBatch batch = Fixtures.clustered(300, 16, 30, 0.15, 7);
        VerificationReport streamed = compare(batch, metric);
        // A sanity check that the data is neither trivial nor hopeless.
        assertThat(streamed.auc()).isBetween(0.9, 1.0);
    }

    /** Integer coordinates: many exact ties within and across classes, any block boundary. */
    @Test
    void streamingHandlesTiesLikeExplicitPairs() {
        RandomCases.check(15, random -> {
            int n = between(random, 20, 200);
            compare(Fixtures.integerGrid(n, 3, 5, 3, random.nextLong()), Metric.L2SQ);
        });
    }

    private static VerificationReport compare(EmbeddingBatch batch, Metric metric) {
        int n = batch.size();
        int pairs = n * (n - 1) / 2;
        int[] first = new int[pairs];
        int[] second = new int[pairs];
        boolean[] same = new boolean[pairs];
        int[] fold = new int[pairs];
        for (int i = 0, p = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++, p++) {
                // Listed (j, i) on purpose: order within a pair must not matter.
                first[p] = j;
                second[p] = i;
                same[p] = batch.labels()[i] == batch.labels()[j];
                fold[p] = PairCollector.fold(i, j, 10);
            }
        }
        Options options = new Options(OptionalDouble.of(1e-2), OptionalInt.of(10), Optional.of(metric));
        VerificationEvaluator evaluator = new VerificationEvaluator(VerificationConfig.defaults());
        VerificationReport streamed = evaluator.evaluate(EvaluationInput.of(batch).withOptions(options))
                .details(VerificationReport.class).orElseThrow();
        VerificationReport listed = evaluator.evaluate(EvaluationInput.of(batch).withOptions(options)
                .withPairs(new Pairs(first, second, same, fold))).details(VerificationReport.class).orElseThrow();

        assertThat(streamed.metrics()).isEqualTo(listed.metrics());
        assertThat(streamed.roc().threshold()).containsExactly(listed.roc().threshold());
        assertThat(streamed.roc().far()).containsExactly(listed.roc().far());
        assertThat(streamed.histogram().diff()).containsExactly(listed.histogram().diff());
        assertThat(streamed.valAtFar()).isEqualTo(listed.valAtFar());
        assertThat(streamed.pairsSame() + streamed.pairsDiff()).isEqualTo(pairs);
        return streamed;
    }
}
