package io.github.facenet4j.evaluators.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.EvaluationInput;
import io.github.facenet4j.api.EvaluationInput.Pairs;
import org.junit.jupiter.api.Test;

/** Inputs the evaluators cannot judge fail with one line saying why. */
class BadInputTest {

    private static final EmbeddingBatch TWO_PEOPLE = new EmbeddingBatch(
            new float[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}}, new int[] {0, 0, 1, 1});

    @Test
    void verificationNeedsSamePairs() {
        EmbeddingBatch strangers = new EmbeddingBatch(new float[][] {{0}, {1}, {2}}, new int[] {0, 1, 2});
        assertThatThrownBy(() -> new VerificationEvaluator(VerificationConfig.defaults())
                .evaluate(EvaluationInput.of(strangers))).isInstanceOf(BadInputException.class)
                .hasMessage("No same-identity pairs: verification needs at least one identity with two embeddings.");
        Pairs onlyDifferent = new Pairs(new int[] {0}, new int[] {2}, new boolean[] {false}, new int[] {0});
        assertThatThrownBy(() -> new VerificationEvaluator(VerificationConfig.defaults())
                .evaluate(EvaluationInput.of(TWO_PEOPLE).withPairs(onlyDifferent)))
                .hasMessageStartingWith("No same-identity pairs");
    }

    @Test
    void verificationNeedsDifferentPairs() {
        EmbeddingBatch one = new EmbeddingBatch(new float[][] {{0}, {1}}, new int[] {4, 4});
        assertThatThrownBy(() -> new VerificationEvaluator(VerificationConfig.defaults())
                .evaluate(EvaluationInput.of(one))).isInstanceOf(BadInputException.class)
                .hasMessage("No different-identity pairs: verification needs at least two identities.");
    }

    @Test
    void pairsMustReferToRows() {
        Pairs outside = new Pairs(new int[] {0}, new int[] {9}, new boolean[] {true}, new int[] {0});
        assertThatThrownBy(() -> EvaluationInput.of(TWO_PEOPLE).withPairs(outside))
                .isInstanceOf(BadInputException.class).hasMessage("Pair 0 (0, 9) refers outside the 4 embeddings.");
    }

    @Test
    void emptyFoldIsReported() {
        Pairs twoFolds = new Pairs(new int[] {0, 0}, new int[] {1, 2}, new boolean[] {true, false}, new int[] {0, 2});
        assertThatThrownBy(() -> new VerificationEvaluator(VerificationConfig.defaults())
                .evaluate(EvaluationInput.of(TWO_PEOPLE).withPairs(twoFolds)))
                .isInstanceOf(BadInputException.class).hasMessage("Fold 1 of 3 has no pairs; use fewer folds.");
    }

    @Test
    void identificationNeedsProbesOfTheGalleryDimension() {
        IdentificationEvaluator evaluator = new IdentificationEvaluator(IdentificationConfig.defaults());
        assertThatThrownBy(() -> evaluator.evaluate(EvaluationInput.of(TWO_PEOPLE)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Identification needs probes to search in the gallery; none were given.");
        EmbeddingBatch flat = new EmbeddingBatch(new float[][] {{0, 0, 0}}, new int[] {0});
        assertThatThrownBy(() -> evaluator.evaluate(EvaluationInput.of(TWO_PEOPLE).withProbes(flat)))
                .isInstanceOf(BadInputException.class).hasMessage("Probes have dimension 3 but the gallery has 2.");
    }

    @Test
    void clusteringNeedsOneClusterPerEmbedding() {
        assertThatThrownBy(() -> EvaluationInput.of(TWO_PEOPLE).withClusters(new int[] {0, 1}))
                .isInstanceOf(BadInputException.class).hasMessage("Need one cluster per embedding: got 2 clusters for 4 embeddings.");
        assertThatThrownBy(() -> new ClusteringQualityEvaluator(ClusteringQualityConfig.defaults())
                .evaluate(EvaluationInput.of(TWO_PEOPLE))).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("Clustering quality needs a predicted cluster");
    }
}
