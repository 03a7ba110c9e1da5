package io.github.facenet4j.distribution.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.EvaluationInput;
import io.github.facenet4j.api.RandomCases;
import io.github.facenet4j.evaluators.VerificationReport;
import io.github.facenet4j.evaluators.internal.VerificationConfig;
import io.github.facenet4j.evaluators.internal.VerificationEvaluator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CrossPairsTest {

    private static final VerificationEvaluator VERIFICATION = new VerificationEvaluator(VerificationConfig.defaults());

    private static EmbeddingBatch batch(SplittableRandom random, int n, int d) {
        float[][] rows = new float[n][d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(4);
            double norm = 0;
            for (int k = 0; k < d; k++) {
                rows[i][k] = (float) (random.nextGaussian() + (k == labels[i] ? 1.5 : 0));
                norm += rows[i][k] * rows[i][k];
            }
            for (int k = 0; k < d; k++) {
                rows[i][k] /= (float) Math.sqrt(norm);
            }
        }
        return new EmbeddingBatch(rows, labels);
    }

    private static VerificationReport report(EvaluationInput input) {
        return VERIFICATION.evaluate(input).details(VerificationReport.class).orElseThrow();
    }

    @Test
    void aModelAgainstItselfScoresExactlyWhatAllPairsOfTheSampleScore() {
        RandomCases.check(10, random -> {
            EmbeddingBatch a = batch(random, 30 + random.nextInt(20), 6);
            int[] sample = CrossPairs.sample(a, a, 25, random.nextLong());
            CrossPairs cross = CrossPairs.of(a, a, sample);
            float[][] rows = new float[sample.length][];
            int[] labels = new int[sample.length];
            for (int i = 0; i < sample.length; i++) {
                rows[i] = a.embeddings()[sample[i]];
                labels[i] = a.labels()[sample[i]];
            }
            VerificationReport explicit = report(EvaluationInput.of(cross.batch()).withPairs(cross.pairs()));
            VerificationReport allPairs = report(EvaluationInput.of(new EmbeddingBatch(rows, labels)));
            assertThat(explicit.pairsSame()).isEqualTo(allPairs.pairsSame());
            assertThat(explicit.pairsDiff()).isEqualTo(allPairs.pairsDiff());
            assertThat(explicit.val()).isEqualTo(allPairs.val());
            assertThat(explicit.auc()).isEqualTo(allPairs.auc());
            assertThat(explicit.eer()).isEqualTo(allPairs.eer());
        });
    }

    @Test
    void crossPairsSetAsRowIOfOneModelAgainstRowJOfTheOther() {
        RandomCases.check(10, random -> {
            EmbeddingBatch a = batch(random, 12, 4);
            EmbeddingBatch b = new EmbeddingBatch(batch(random, 12, 4).embeddings(), a.labels());
            int[] sample = CrossPairs.sample(a, b, 7, random.nextLong());
            CrossPairs cross = CrossPairs.of(a, b, sample);
            EvaluationInput.Pairs pairs = cross.pairs();
            assertThat(pairs.size()).isEqualTo(7 * 6 / 2);
            for (int p = 0; p < pairs.size(); p++) {
                int i = pairs.first()[p];
                int j = pairs.second()[p] - 7;
                assertThat(i).isLessThan(j);
                assertThat(cross.batch().embeddings()[i]).isSameAs(a.embeddings()[sample[i]]);
                assertThat(cross.batch().embeddings()[7 + j]).isSameAs(b.embeddings()[sample[j]]);
                assertThat(pairs.same()[p]).isEqualTo(a.labels()[sample[i]] == a.labels()[sample[j]]);
            }
            assertThat(sample).isSorted().doesNotHaveDuplicates();
        });
    }

    @Test
    void batchesOfOtherImagesOrTooSmallAreRefused() {
        EmbeddingBatch a = new EmbeddingBatch(new float[][] {{1, 0}, {0, 1}, {1, 0}}, new int[] {0, 1, 0});
        EmbeddingBatch relabelled = new EmbeddingBatch(a.embeddings(), new int[] {0, 0, 1});
        EmbeddingBatch wider = new EmbeddingBatch(new float[][] {{1, 0, 0}, {0, 1, 0}, {1, 0, 0}}, a.labels());
        assertThatThrownBy(() -> CrossPairs.sample(a, relabelled, 2, 1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("same images");
        assertThatThrownBy(() -> CrossPairs.sample(a, wider, 2, 1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("dimension");
        assertThatThrownBy(() -> CrossPairs.sample(a, a, 4, 1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("sample of 4");
    }
}
