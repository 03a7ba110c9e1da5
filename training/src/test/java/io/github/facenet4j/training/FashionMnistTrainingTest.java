package io.github.facenet4j.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.nn.InputNormalisation;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.evaluators.internal.VerificationConfig;
import io.github.facenet4j.evaluators.internal.VerificationEvaluator;
import io.github.facenet4j.mining.internal.SemiHardConfig;
import io.github.facenet4j.mining.internal.SemiHardMiner;
import io.github.facenet4j.training.data.Dataset;
import io.github.facenet4j.training.data.DatasetSpec;
import io.github.facenet4j.training.data.DebianFashionMnist;
import io.github.facenet4j.training.data.FashionMnist;
import io.github.facenet4j.training.data.Splits;
import io.github.facenet4j.training.internal.TripletLoss;
import io.github.facenet4j.training.internal.TripletLossConfig;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on real data, where the Debian package dataset-fashion-mnist is
 * installed: Fashion-MNIST split by sample (10 % of each class held out), with the linear
 * test double standing in for a backend's network. (A linear map of the pixels does not
 * carry over to unseen classes, so the zero-shot split is left to a real network.)
 */
class FashionMnistTrainingTest {

    @TempDir
    Path dir;

    @Test
    void fashionMnistWithALinearEmbedder() {
        DebianFashionMnist.assumeInstalledOrRequired();
        Dataset all = DatasetSpec.parse("fashion-mnist").open(new TensorShape(1, 28, 28));
        Splits.Split split = Splits.bySample(all, 0.1, 1);
        // 2,000 held-out images (every 3rd) keep validation quick
        Dataset heldOut = split.test().subset(IntStream.range(0, 2000).map(i -> i * 3).toArray(), "held out");
        LinearEmbedder embedder = new LinearEmbedder(32, 784, 1);
        InputNormalisation unit = InputNormalisation.unitRange(InputNormalisation.ChannelOrder.GRAY);
        double before = TrainerTest.precisionAtOne(embedder, heldOut, unit);
        TrainerConfig config = TrainerConfig.defaults(600).withValidateEvery(100).withCheckpointEvery(100)
                .withSchedule(new LearningRateSchedule.Constant(0.01)).withSeed(3);
        Trainer trainer = Trainer.builder(embedder, new SemiHardMiner(SemiHardConfig.defaults()),
                        new TripletLoss(TripletLossConfig.defaults()), split.train(),
                        new PkSampler(split.train().labels(), 10, 10, 3), config)
                .validation(heldOut, new VerificationEvaluator(VerificationConfig.defaults()))
                .normalisation(unit).output(dir).build();
        TrainingResult result = trainer.run();
        System.out.printf("Fashion-MNIST by sample, linear 784→32: P@1 %.4f before, %s%n", before,
                trainer.history().validations());
        assertThat(result.outcome()).isEqualTo(TrainingResult.Outcome.COMPLETED);
        ValidationRecord last = result.lastValidation().orElseThrow();
        assertThat(last.precisionAt1()).isGreaterThan(before + 0.03);
        assertThat(last.val()).isGreaterThan(trainer.history().validations().get(0).val());
    }
}
