package io.github.facenet4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EvaluationInput;
import io.github.facenet4j.api.EvaluationResult;
import io.github.facenet4j.api.Evaluator;
import io.github.facenet4j.evaluators.internal.IdentificationConfig;
import io.github.facenet4j.evaluators.internal.IdentificationEvaluator;
import io.github.facenet4j.evaluators.internal.VerificationConfig;
import io.github.facenet4j.evaluators.internal.VerificationEvaluator;
import io.github.facenet4j.training.data.Dataset;
import java.util.Map;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation through an evaluator plugin, read as its typed figures rather than string keys. */
class TrainerValidationTest {

    @TempDir
    Path dir;

    private final Dataset heldOut = TrainerTest.SPLIT.test();
    private final LinearEmbedder net = new LinearEmbedder(TrainerTest.DIMENSION, TrainerTest.INPUTS, 3);
    private final TrainerConfig config = TrainerTest.config(10);

    /** VAL and FAR at the reported threshold, counted here over every pair of held-out images. */
    @Test
    void theVerificationEvaluatorsFiguresAreWhatCountingPairsGives() {
        ValidationRecord record = new Validation(heldOut, new VerificationEvaluator(VerificationConfig.defaults())).run(7, net, TrainerTest.AS_IS,
                config);
        float[][] e = net.embed(heldOut.batch(0, heldOut.size(), TrainerTest.AS_IS));
        int[] labels = heldOut.labels();
        long same = 0;
        long diff = 0;
        long trueAccepts = 0;
        long falseAccepts = 0;
        for (int i = 0; i < e.length; i++) {
            for (int j = i + 1; j < e.length; j++) {
                double d = 0;
                for (int k = 0; k < e[i].length; k++) {
                    d += (e[i][k] - e[j][k]) * (double) (e[i][k] - e[j][k]);
                }
                boolean accepted = d <= record.threshold();
                if (labels[i] == labels[j]) {
                    same++;
                    trueAccepts += accepted ? 1 : 0;
                } else {
                    diff++;
                    falseAccepts += accepted ? 1 : 0;
                }
            }
        }
        assertThat(record.step()).isEqualTo(7);
        assertThat(record.images()).isEqualTo(heldOut.size());
        assertThat(record.val()).isCloseTo((double) trueAccepts / same, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(record.far()).isCloseTo((double) falseAccepts / diff, org.assertj.core.data.Offset.offset(1e-12))
                .isLessThanOrEqualTo(config.farTarget());
        assertThat(record.precisionAt1()).isEqualTo(EmbeddingMetrics.precisionAtOne(e, labels));
    }

    /**
     * A user's evaluator that reports a figure under the key "val" but no typed
     * {@code VerificationFigures}: the key is not taken for VAL.
     */
    @Test
    void anEvaluatorWithoutVerificationFiguresIsRefusedInOneLine() {
        Evaluator meanNorm = new Evaluator() {
            @Override
            public String name() {
                return "mean-norm";
            }

            @Override
            public EvaluationResult evaluate(EvaluationInput input) {
                double sum = 0;
                for (float[] row : input.embeddings().embeddings()) {
                    double squares = 0;
                    for (float v : row) {
                        squares += v * v;
                    }
                    sum += Math.sqrt(squares);
                }
                return new EvaluationResult(name(), Map.of("val", sum / input.embeddings().size()));
            }
        };
        Validation validation = new Validation(heldOut, meanNorm);
        String message = "Evaluator 'mean-norm' reports no VAL at a FAR; validate with an evaluator that verifies,"
                + " such as verification";
        assertThatThrownBy(() -> validation.run(10, net, TrainerTest.AS_IS, config))
                .isInstanceOf(ConfigurationException.class).hasMessage(message);
        // and before the first step, when the trainer is built
        assertThatThrownBy(() -> TrainerTest.builder(net, config, dir).validation(validation).build())
                .isInstanceOf(ConfigurationException.class).hasMessage(message);
    }

    /** An evaluator that needs more than labelled embeddings is refused when the trainer is built. */
    @Test
    void anEvaluatorThatCannotValidateIsRefusedBeforeTraining() {
        Validation identification = new Validation(heldOut, new IdentificationEvaluator(IdentificationConfig.defaults()));
        assertThatThrownBy(() -> TrainerTest.builder(net, config, dir).validation(identification).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Evaluator 'identification' cannot validate a training run (Identification needs probes to"
                        + " search in the gallery; none were given.); validate with an evaluator that verifies, such as"
                        + " verification");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void withoutAnEvaluatorOnlyPrecisionAndSpreadAreMeasured() {
        ValidationRecord record = new Validation(heldOut, null).run(3, net, TrainerTest.AS_IS, config);
        assertThat(record.val()).isNaN();
        assertThat(record.far()).isNaN();
        assertThat(record.threshold()).isNaN();
        assertThat(record.spread()).isPositive();
    }
}
