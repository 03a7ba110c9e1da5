package io.github.facenet4j.harmonic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Embedder;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.InputNormalisation;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.training.data.Dataset;
import io.github.facenet4j.training.data.LabelledImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceCacheTest {

    @TempDir
    Path dir;

    private static final String SHA = "ab".repeat(32);

    private static ReferenceEmbeddings embeddings(ReferenceKey key, long seed) {
        return new ReferenceEmbeddings(key, HarmonicBatchTest.unitRows(new SplittableRandom(seed), key.images(),
                key.dimension()));
    }

    @Test
    void writtenEmbeddingsReadBackBitForBitForTheSameKey() {
        ReferenceKey key = new ReferenceKey("small-cnn-v1@0.1.0+step900", "fashion-mnist train", SHA, 17, 5);
        ReferenceEmbeddings written = embeddings(key, 3);
        Path file = dir.resolve(ReferenceCache.FILE_NAME);
        ReferenceCache.write(file, written);
        ReferenceEmbeddings read = ReferenceCache.read(file, key).orElseThrow();
        assertThat(read.key()).isEqualTo(key);
        assertThat(read.rows()).isDeepEqualTo(written.rows());
        assertThat(ReferenceCache.read(dir.resolve("absent.bin"), key)).isEmpty();
    }

    @Test
    void aCacheForAnyOtherKeyIsRefusedAsStale() {
        ReferenceKey key = new ReferenceKey("v1@1", "train", SHA, 4, 3);
        Path file = dir.resolve(ReferenceCache.FILE_NAME);
        ReferenceCache.write(file, embeddings(key, 1));
        List<ReferenceKey> others = List.of(new ReferenceKey("v1@2", "train", SHA, 4, 3),
                new ReferenceKey("v1@1", "train, 2 sampled", SHA, 4, 3),
                new ReferenceKey("v1@1", "train", "cd".repeat(32), 4, 3),
                new ReferenceKey("v1@1", "train", SHA, 5, 3),
                new ReferenceKey("v1@1", "train", SHA, 4, 2));
        for (ReferenceKey other : others) {
            assertThatThrownBy(() -> ReferenceCache.read(file, other)).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("stale").hasMessageContaining("delete the file");
        }
    }

    @Test
    void aDamagedCacheIsRefused() throws IOException {
        ReferenceKey key = new ReferenceKey("v1@1", "train", SHA, 4, 3);
        Path file = dir.resolve(ReferenceCache.FILE_NAME);
        ReferenceCache.write(file, embeddings(key, 1));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 1));
        assertThatThrownBy(() -> ReferenceCache.read(file, key)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("cut short");
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length + 4));
        assertThatThrownBy(() -> ReferenceCache.read(file, key)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("more than its header");
        Files.writeString(file, "not a cache");
        assertThatThrownBy(() -> ReferenceCache.read(file, key)).isInstanceOf(BadInputException.class);
    }

    @Test
    void readOrComputeComputesOnceThenReadsTheCache() {
        Dataset data = new Pixels(9);
        ReferenceKey key = new ReferenceKey("v1@1", data.description(), DatasetDigest.sha256(data), 9, 2);
        AtomicInteger calls = new AtomicInteger();
        Embedder v1 = new Embedder() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public float[][] embed(TensorBatch batch) {
                calls.incrementAndGet();
                float[][] out = new float[batch.batch()][];
                for (int i = 0; i < out.length; i++) {
                    double angle = batch.data()[i * 4];
                    out[i] = new float[] {(float) Math.cos(angle), (float) Math.sin(angle)};
                }
                return out;
            }

            @Override
            public void close() {
            }
        };
        Path file = dir.resolve(ReferenceCache.FILE_NAME);
        InputNormalisation asIs = InputNormalisation.unitRange(InputNormalisation.ChannelOrder.GRAY);
        ReferenceEmbeddings first = ReferenceCache.readOrCompute(file, key,
                () -> ReferenceEmbeddings.compute(key, data, asIs, v1, 4));
        assertThat(calls.get()).isEqualTo(3);
        ReferenceEmbeddings second = ReferenceCache.readOrCompute(file, key,
                () -> ReferenceEmbeddings.compute(key, data, asIs, v1, 4));
        assertThat(calls.get()).isEqualTo(3);
        assertThat(second.rows()).isDeepEqualTo(first.rows());
        assertThat(first.rows(new int[] {8, 0})[0]).isSameAs(first.rows()[8]);
    }

    @Test
    void theDigestChangesWithAnyPixelOrLabel() {
        Pixels a = new Pixels(5);
        String base = DatasetDigest.sha256(a);
        assertThat(DatasetDigest.sha256(new Pixels(5))).isEqualTo(base).hasSize(64);
        assertThat(DatasetDigest.sha256(new Pixels(5, 3, 0))).isNotEqualTo(base);
        assertThat(DatasetDigest.sha256(new Pixels(5, -1, 1))).isNotEqualTo(base);
        assertThat(DatasetDigest.sha256(new Pixels(4))).isNotEqualTo(base);
    }

    @Test
    void keysAreValidated() {
        assertThatThrownBy(() -> new ReferenceKey("v1", "train", SHA, 1, 1)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("id@version");
        assertThatThrownBy(() -> new ReferenceKey("v1@1", "train", "xyz", 1, 1))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new ReferenceKey("v1@1", "train", SHA, 0, 1)).isInstanceOf(ConfigurationException.class);
        ReferenceKey key = new ReferenceKey("v1@1", "train", SHA, 2, 2);
        assertThatThrownBy(() -> new ReferenceEmbeddings(key, new float[3][2])).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> new ReferenceEmbeddings(key, new float[2][3])).isInstanceOf(BadInputException.class);
    }

    /** n 2×2 grey images, pixel 0 of image i is i; optionally one image's pixel changed or label bumped. */
    private static final class Pixels extends LabelledImages {
        private final int changed;
        private final int bumpedLabel;

        Pixels(int n) {
            this(n, -1, -1);
        }

        Pixels(int n, int changed, int bumpedLabel) {
            super(new TensorShape(1, 2, 2), labels(n, bumpedLabel), List.of("a", "b", "c"), "pixels");
            this.changed = changed;
            this.bumpedLabel = bumpedLabel;
        }

        private static int[] labels(int n, int bumped) {
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i % 2 + (i == bumped ? 1 : 0);
            }
            return labels;
        }

        @Override
        public void image(int index, float[] target, int offset) {
            target[offset] = index;
            target[offset + 1] = 10;
            target[offset + 2] = index == changed ? 99 : 20;
            target[offset + 3] = 30;
        }
    }
}
