package io.github.facenet4j.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.InputNormalisation;
import io.github.facenet4j.api.nn.TensorShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    static final TensorShape MNIST = new TensorShape(1, 28, 28);

    @TempDir
    Path dir;

    @Test
    void specs() {
        assertThat(DatasetSpec.parse("fashion-mnist"))
                .isEqualTo(new DatasetSpec(DatasetSpec.Kind.FASHION_MNIST, Path.of("/usr/share/datasets/fashion-mnist")));
        assertThat(DatasetSpec.parse("fashion-mnist:/data/fm"))
                .isEqualTo(new DatasetSpec(DatasetSpec.Kind.FASHION_MNIST, Path.of("/data/fm")));
        assertThat(DatasetSpec.parse("mnist:m")).isEqualTo(new DatasetSpec(DatasetSpec.Kind.MNIST, Path.of("m")));
        assertThat(DatasetSpec.parse("folder:/faces")).isEqualTo(new DatasetSpec(DatasetSpec.Kind.FOLDER,
                Path.of("/faces")));
        for (String bad : new String[] {"cifar", "mnist", "folder:", ""}) {
            assertThatThrownBy(() -> DatasetSpec.parse(bad)).isInstanceOf(ConfigurationException.class)
                    .hasMessage("Unknown dataset '" + bad + "'. Use fashion-mnist, fashion-mnist:DIR, mnist:DIR or"
                            + " folder:DIR");
        }
    }

    @Test
    void missingFilesSayHowToGetThem() throws IOException {
        Path absent = dir.resolve("absent");
        assertThatThrownBy(() -> DatasetSpec.parse("fashion-mnist:" + absent).open(MNIST))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Fashion-MNIST not found at " + absent + ": install the Debian package"
                        + " dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or pass --dataset"
                        + " fashion-mnist:DIR");
        Files.createDirectories(dir.resolve("partial"));
        Files.write(dir.resolve("partial/train-images-idx3-ubyte.gz"), new byte[0]);
        assertThatThrownBy(() -> FashionMnist.load(dir.resolve("partial")))
                .hasMessage("Fashion-MNIST not found at " + dir.resolve("partial") + " (no train-labels-idx1-ubyte.gz"
                        + " or train-labels-idx1-ubyte): install the Debian package dataset-fashion-mnist (apt-get"
                        + " install dataset-fashion-mnist) or pass --dataset fashion-mnist:DIR");
    }

    @Test
    void readsFourSmallFilesAndChecksTheShape() throws IOException {
        byte[] images = IdxFilesTest.idx(new int[] {0x803, 2, 28, 28}, new byte[2 * 784]);
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), IdxFilesTest.gzip(images));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxFilesTest.idx(new int[] {0x801, 2}, new byte[] {9, 0}));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), images);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"),
                IdxFilesTest.gzip(IdxFilesTest.idx(new int[] {0x801, 2}, new byte[] {3, 3})));
        Dataset set = DatasetSpec.parse("fashion-mnist:" + dir).open(MNIST);
        assertThat(set.size()).isEqualTo(4);
        assertThat(set.labels()).containsExactly(9, 0, 3, 3);
        assertThat(set.identityNames().get(9)).isEqualTo("Ankle boot");
        assertThat(FashionMnist.loadTest(dir).size()).isEqualTo(2);
        assertThatThrownBy(() -> DatasetSpec.parse("fashion-mnist:" + dir).open(new TensorShape(1, 32, 32)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Fashion-MNIST (" + dir + ") has images of 1×28×28 but the network takes 1×32×32");
    }

    /** The Debian package's files, where installed (apt-get install dataset-fashion-mnist). */
    @Test
    void realFashionMnistFromTheDebianPackage() {
        DebianFashionMnist.assumeInstalledOrRequired();
        Dataset all = DatasetSpec.parse("fashion-mnist").open(MNIST);
        assertThat(all.size()).isEqualTo(70_000);
        int[] perClass = new int[10];
        for (int label : all.labels()) {
            perClass[label]++;
        }
        assertThat(perClass).containsOnly(7_000);
        Splits.Split zeroShot = Splits.byIdentity(all, Set.of(5, 6, 7, 8, 9));
        assertThat(zeroShot.train().size()).isEqualTo(35_000);
        assertThat(IntStream.of(zeroShot.test().labels()).boxed().collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(5, 6, 7, 8, 9);
        float[] image = all.image(0);
        assertThat(image).hasSize(784);
        for (float v : image) {
            assertThat(v).isBetween(0f, 255f).isEqualTo((float) Math.rint(v));
        }
    }

    /**
     * Trained models' cards say mean 0, scale 255; normalised that way the real images are,
     * bit for bit, the value / 255 that training fed networks before the card's normalisation
     * was the one definition, so training figures do not move.
     */
    @Test
    void unitRangeBatchesOfTheRealImagesAreValueOver255BitForBit() {
        DebianFashionMnist.assumeInstalledOrRequired();
        int n = 3000;
        TensorBatch batch = FashionMnist.loadTrain(FashionMnist.DEBIAN_DIRECTORY)
                .batch(0, n, InputNormalisation.unitRange(InputNormalisation.ChannelOrder.GRAY));
        byte[] raw = IdxFiles.readImages(FashionMnist.DEBIAN_DIRECTORY.resolve("train-images-idx3-ubyte.gz")).pixels();
        assertThat(batch.batch()).isEqualTo(n);
        assertThat(batch.imageSize()).isEqualTo(784);
        float[] data = batch.data();
        for (int i = 0; i < data.length; i++) {
            if (Float.floatToRawIntBits(data[i]) != Float.floatToRawIntBits((raw[i] & 0xff) / 255f)) {
                throw new AssertionError("value " + i + ": " + data[i] + " is not " + (raw[i] & 0xff) + " / 255");
            }
        }
    }
}
