package io.github.facenet4j.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.nn.TensorShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The division {@code facenet train} makes: on ten classes × 6 images per part, each image's
 * first pixel its index in its part, so the tests can tell which images each side got.
 */
class TrainingSplitTest {

    static final TensorShape MNIST = new TensorShape(1, 28, 28);
    static final int PER_CLASS = 6;

    @TempDir
    Path dir;

    @BeforeEach
    void writeTenClasses() throws IOException {
        for (String part : new String[] {"train", "t10k"}) {
            int n = 10 * PER_CLASS;
            byte[] pixels = new byte[n * 784];
            byte[] labels = new byte[n];
            for (int i = 0; i < n; i++) {
                pixels[i * 784] = (byte) i;
                labels[i] = (byte) (i % 10);
            }
            Files.write(dir.resolve(part + "-images-idx3-ubyte"), IdxFilesTest.idx(new int[] {0x803, n, 28, 28}, pixels));
            Files.write(dir.resolve(part + "-labels-idx1-ubyte"), IdxFilesTest.idx(new int[] {0x801, n}, labels));
        }
    }

    private static TrainingSplit split(boolean zeroShot) {
        return new TrainingSplit(zeroShot, OptionalInt.empty(), OptionalInt.empty(), 3);
    }

    private static Set<Integer> identities(Dataset d) {
        return Arrays.stream(d.labels()).boxed().collect(Collectors.toSet());
    }

    @Test
    void fashionMnistKeepsItsOfficialPartsAndZeroShotHalvesTheClasses() {
        Splits.Split all = split(false).open(DatasetSpec.parse("fashion-mnist:" + dir), MNIST, "small-cnn");
        assertThat(all.train().size()).isEqualTo(60);
        assertThat(all.test().size()).isEqualTo(60);
        assertThat(all.test().image(5)[0]).as("the test part's own image 5").isEqualTo(5f);

        Splits.Split zeroShot = split(true).open(DatasetSpec.parse("fashion-mnist:" + dir), MNIST, "small-cnn");
        assertThat(identities(zeroShot.train())).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(identities(zeroShot.test())).containsExactlyInAnyOrder(5, 6, 7, 8, 9);
        assertThat(zeroShot.train().size()).isEqualTo(30);
        assertThat(zeroShot.train().description()).endsWith(" classes 0–4");
        assertThat(zeroShot.test().description()).endsWith(" classes 5–9");
    }

    @Test
    void anotherDataSetHoldsOutAFifthOfEachIdentityOrZeroShotTheSecondHalf() {
        DatasetSpec mnist = DatasetSpec.parse("mnist:" + dir);
        Splits.Split bySample = split(false).open(mnist, MNIST, "small-cnn");
        // 12 images per class over both parts: round(0.2 × 12) = 2 held out of each
        assertThat(bySample.test().size()).isEqualTo(20);
        assertThat(bySample.train().size()).isEqualTo(100);
        assertThat(identities(bySample.test())).hasSize(10);
        Splits.Split same = Splits.bySample(mnist.open(MNIST), TrainingSplit.HELD_OUT_FRACTION, 3);
        assertThat(bySample.test().labels()).containsExactly(same.test().labels());

        Splits.Split zeroShot = split(true).open(mnist, MNIST, "small-cnn");
        assertThat(identities(zeroShot.train())).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(identities(zeroShot.test())).containsExactlyInAnyOrder(5, 6, 7, 8, 9);
    }

    @Test
    void subsetsAreSeededDistinctAndNoLargerThanAsked() {
        TrainingSplit sampled = new TrainingSplit(false, OptionalInt.of(7), OptionalInt.of(1000), 11);
        Splits.Split a = sampled.open(DatasetSpec.parse("fashion-mnist:" + dir), MNIST, "small-cnn");
        Splits.Split b = sampled.open(DatasetSpec.parse("fashion-mnist:" + dir), MNIST, "small-cnn");
        assertThat(a.train().size()).isEqualTo(7);
        assertThat(a.train().description()).endsWith(", 7 sampled");
        assertThat(IntStream.range(0, 7).mapToObj(i -> a.train().image(i)[0]).distinct()).hasSize(7);
        assertThat(IntStream.range(0, 7).mapToObj(i -> a.train().image(i)[0]).toList())
                .isEqualTo(IntStream.range(0, 7).mapToObj(i -> b.train().image(i)[0]).toList())
                .isSorted();
        assertThat(a.test().size()).as("more than there are: all").isEqualTo(60);
    }

    @Test
    void imagesOfAnotherShapeAndEmptySubsetsAreRefused() {
        assertThatThrownBy(() -> split(false).open(DatasetSpec.parse("fashion-mnist:" + dir),
                new TensorShape(3, 32, 32), "wide-net"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Fashion-MNIST train (" + dir + ") has images of 1×28×28 but wide-net takes 3×32×32");
        assertThatThrownBy(() -> new TrainingSplit(false, OptionalInt.of(0), OptionalInt.empty(), 0))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The training subset must hold ≥ 1 image, got 0");
        assertThatThrownBy(() -> new TrainingSplit(false, OptionalInt.empty(), OptionalInt.of(-2), 0))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The validation subset must hold ≥ 1 image, got -2");
    }
}
