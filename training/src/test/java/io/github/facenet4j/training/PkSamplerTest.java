package io.github.facenet4j.training;

import static io.github.facenet4j.api.Draw.between;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.RandomCases;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PkSamplerTest {

    /** Labels of 3–30 identities with 1–12 images each, shuffled together. */
    private static int[] labels(SplittableRandom random) {
        int[] counts = new int[between(random, 3, 30)];
        Arrays.setAll(counts, id -> between(random, 1, 12));
        int[] labels = new int[Arrays.stream(counts).sum()];
        int at = 0;
        for (int id = 0; id < counts.length; id++) {
            for (int c = 0; c < counts[id]; c++) {
                labels[at++] = id;
            }
        }
        for (int i = labels.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = labels[i];
            labels[i] = labels[j];
            labels[j] = swap;
        }
        return labels;
    }

    private static int[] counts(int[] labels) {
        int[] counts = new int[Arrays.stream(labels).max().orElse(0) + 1];
        for (int l : labels) {
            counts[l]++;
        }
        return counts;
    }

    @Test
    void everyBatchHasPDistinctIdentitiesTimesKDistinctImages() {
        RandomCases.check(200, random -> {
            int[] labels = labels(random);
            int p = between(random, 2, 5);
            int k = between(random, 2, 6);
            long seed = random.nextLong();
            long step = between(random, 0, 1_000_000_000_000L);
            int[] counts = counts(labels);
            long eligible = Arrays.stream(counts).filter(c -> c >= k).count();
            if (eligible < p) {
                assertThatThrownBy(() -> new PkSampler(labels, p, k, seed)).isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("needs " + p + " identities with at least " + k + " images each");
                return;
            }
            int[] batch = new PkSampler(labels, p, k, seed).batch(step);
            assertThat(batch).hasSize(p * k);
            assertThat(Arrays.stream(batch).distinct().count()).isEqualTo(p * k);
            Set<Integer> identities = new HashSet<>();
            for (int b = 0; b < p; b++) {
                int id = labels[batch[b * k]];
                identities.add(id);
                for (int r = 0; r < k; r++) {
                    assertThat(labels[batch[b * k + r]]).isEqualTo(id);
                }
                assertThat(counts[id]).isGreaterThanOrEqualTo(k);
            }
            assertThat(identities).hasSize(p);
        });
    }

    @Test
    void batchesDependOnSeedAndStepOnly() {
        RandomCases.check(100, random -> {
            int[] labels = labels(random);
            long seed = random.nextLong();
            long step = between(random, 0, Long.MAX_VALUE);
            PkSampler.SmallIdentities policy = PkSampler.SmallIdentities.REPLACE;
            if (Arrays.stream(counts(labels)).filter(c -> c >= 2).count() < 3) {
                return;
            }
            PkSampler a = new PkSampler(labels, 3, 4, seed, policy);
            PkSampler b = new PkSampler(labels, 3, 4, seed, policy);
            // b has drawn other batches first: order of calls must not matter
            b.batch(step == 0 ? 1 : step - 1);
            b.batch(7);
            assertThat(b.batch(step)).containsExactly(a.batch(step));
            assertThat(a.state()).isEqualTo(b.state());
        });
    }

    @Test
    void smallIdentitiesWithReplacementUseEveryImageOnceThenRepeat() {
        RandomCases.check(100, random -> {
            int[] labels = labels(random);
            long seed = random.nextLong();
            int step = between(random, 0, 1000);
            int[] counts = counts(labels);
            int k = 6;
            if (Arrays.stream(counts).filter(c -> c >= 2).count() < 2) {
                return;
            }
            int[] batch = new PkSampler(labels, 2, k, seed, PkSampler.SmallIdentities.REPLACE).batch(step);
            for (int b = 0; b < 2; b++) {
                int[] block = Arrays.copyOfRange(batch, b * k, (b + 1) * k);
                int id = labels[block[0]];
                assertThat(counts[id]).isGreaterThanOrEqualTo(2);
                long distinct = Arrays.stream(block).distinct().count();
                assertThat(distinct).isEqualTo(Math.min(k, counts[id]));
                assertThat(Arrays.stream(block).map(i -> labels[i])).containsOnly(id);
            }
        });
    }

    @Test
    void differentStepsAndSeedsGiveDifferentBatches() {
        int[] labels = IntStream.range(0, 400).map(i -> i / 10).toArray();
        PkSampler sampler = new PkSampler(labels, 8, 4, 1);
        Set<String> seen = new HashSet<>();
        for (long step = 0; step < 50; step++) {
            seen.add(Arrays.toString(sampler.batch(step)));
        }
        assertThat(seen).hasSize(50);
        assertThat(new PkSampler(labels, 8, 4, 2).batch(0)).isNotEqualTo(sampler.batch(0));
        // over many steps every identity is drawn about equally often (40 identities, 8 per batch)
        int[] drawn = new int[40];
        for (long step = 0; step < 5000; step++) {
            int[] batch = sampler.batch(step);
            for (int b = 0; b < 8; b++) {
                drawn[labels[batch[b * 4]]]++;
            }
        }
        assertThat(Arrays.stream(drawn).min().orElseThrow()).isGreaterThan(850);
        assertThat(Arrays.stream(drawn).max().orElseThrow()).isLessThan(1150);
    }

    @Test
    void identitiesWithOneImageAreNeverDrawnAndSmallOnesAreSkippedByDefault() {
        // identity 0: 1 image, 1: 3 images, 2 and 3: 5 images
        int[] labels = {0, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3};
        PkSampler skip = new PkSampler(labels, 2, 4, 3);
        assertThat(skip.eligibleIdentities()).isEqualTo(2);
        PkSampler replace = new PkSampler(labels, 3, 4, 3, PkSampler.SmallIdentities.REPLACE);
        assertThat(replace.eligibleIdentities()).isEqualTo(3);
        for (long step = 0; step < 100; step++) {
            assertThat(Arrays.stream(skip.batch(step)).map(i -> labels[i])).doesNotContain(0, 1);
            assertThat(Arrays.stream(replace.batch(step)).map(i -> labels[i])).doesNotContain(0);
        }
        assertThatThrownBy(() -> new PkSampler(labels, 3, 4, 3)).isInstanceOf(ConfigurationException.class)
                .hasMessage("P × K sampling needs 3 identities with at least 4 images each, but the training data has 2;"
                        + " lower P or K, or sample small identities with replacement");
        assertThatThrownBy(() -> new PkSampler(labels, 1, 4, 3)).hasMessage("P (identities per batch) must be ≥ 2, got 1");
        assertThatThrownBy(() -> new PkSampler(labels, 2, 1, 3)).hasMessage("K (images per identity) must be ≥ 2, got 1");
    }

    @Test
    void stateNamesEverythingTheStreamDependsOn() {
        int[] labels = IntStream.range(0, 40).map(i -> i / 5).toArray();
        Map<String, Object> state = new PkSampler(labels, 4, 3, 77).state();
        assertThat(state).containsEntry("sampler", "pk").containsEntry("p", 4).containsEntry("k", 3)
                .containsEntry("seed", 77L).containsEntry("small_identities", "skip");
        int[] other = labels.clone();
        other[0] = 1;
        assertThat(new PkSampler(other, 4, 3, 77).state().get("labels")).isNotEqualTo(state.get("labels"));
    }
}
