package io.github.facenet4j.distribution.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.math.Vectors;
import org.junit.jupiter.api.Test;

class ClusteredBatchTest {

    @Test
    void producesUnitVectorsInIdentityBlocks() {
        EmbeddingBatch batch = new ClusteredBatch(5, 4, 16, 1.0, 3).generate();
        assertThat(batch.size()).isEqualTo(20);
        assertThat(batch.dimension()).isEqualTo(16);
        assertThat(batch.labels()).startsWith(0, 0, 0, 0, 1).endsWith(4);
        for (float[] e : batch.embeddings()) {
            assertThat(Vectors.dot(e, e)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
        }
    }

    @Test
    void sameIdentityIsCloserThanOthersOnAverage() {
        EmbeddingBatch batch = new ClusteredBatch(20, 10, 128, 1.4, 9).generate();
        double same = 0;
        double different = 0;
        long sameCount = 0;
        long differentCount = 0;
        for (int i = 0; i < batch.size(); i++) {
            for (int j = i + 1; j < batch.size(); j++) {
                double d = Vectors.squaredDistance(batch.embeddings()[i], batch.embeddings()[j]);
                if (batch.labels()[i] == batch.labels()[j]) {
                    same += d;
                    sameCount++;
                } else {
                    different += d;
                    differentCount++;
                }
            }
        }
        // Expected for σ = 1.4: same ≈ 2(1 − 1/(1+σ²)) ≈ 1.34, different ≈ 2.
        assertThat(same / sameCount).isBetween(1.2, 1.5);
        assertThat(different / differentCount).isBetween(1.9, 2.1);
    }

    @Test
    void sameSeedSameBatch() {
        assertThat(new ClusteredBatch(3, 2, 8, 1, 7).generate().embeddings())
                .isDeepEqualTo(new ClusteredBatch(3, 2, 8, 1, 7).generate().embeddings());
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new ClusteredBatch(3, 0, 8, 1, 7)).hasMessage("--per-identity must be ≥ 1, got 0");
        assertThatThrownBy(() -> new ClusteredBatch(3, 2, 8, Double.NaN, 7)).hasMessage("--spread must be ≥ 0 and finite, got NaN");
    }

    @Test
    void timingsTakeTheMedian() {
        Timings t = Timings.ofNanos(new long[] {5_000_000, 1_000_000, 3_000_000, 2_000_000});
        assertThat(t.medianMs()).isEqualTo(2.5);
        assertThat(t.minMs()).isEqualTo(1.0);
        assertThat(t.maxMs()).isEqualTo(5.0);
    }
}
