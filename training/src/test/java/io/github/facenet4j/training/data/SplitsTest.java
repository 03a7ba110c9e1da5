package io.github.facenet4j.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.nn.TensorShape;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitsTest {

    /** 10 classes of 2…11 images; image i's single pixel is i, so images can be told apart. */
    static ByteImages tenClasses() {
        List<Integer> labels = IntStream.range(0, 10).boxed().flatMap(c -> IntStream.range(0, c + 2).mapToObj(k -> c))
                .toList();
        byte[] pixels = new byte[labels.size()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        return new ByteImages(new TensorShape(1, 1, 1), pixels, labels.stream().mapToInt(Integer::intValue).toArray(),
                IntStream.range(0, 10).mapToObj(Integer::toString).toList(), "ten");
    }

    static Set<Integer> ids(Dataset d) {
        return Arrays.stream(d.labels()).boxed().collect(Collectors.toSet());
    }

    static Set<Float> pixels(Dataset d) {
        return IntStream.range(0, d.size()).mapToObj(i -> d.image(i)[0]).collect(Collectors.toSet());
    }

    @Test
    void byIdentityHoldsOutWholeIdentities() {
        ByteImages all = tenClasses();
        Splits.Split split = Splits.byIdentity(all, Set.of(5, 6, 7, 8, 9));
        assertThat(ids(split.train())).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(ids(split.test())).containsExactlyInAnyOrder(5, 6, 7, 8, 9);
        assertThat(split.train().size() + split.test().size()).isEqualTo(all.size());
        assertThat(split.train().size()).isEqualTo(2 + 3 + 4 + 5 + 6);
        assertThat(split.test().identityNames()).isEqualTo(all.identityNames());
        assertThat(split.test().description()).endsWith("held-out part: identities 5,6,7,8,9 held out");
        assertThatThrownBy(() -> Splits.byIdentity(all, Set.of(10))).isInstanceOf(ConfigurationException.class)
                .hasMessage("Held-out identity 10 is not one of the 10 identities of ten");
        assertThatThrownBy(() -> Splits.byIdentity(all, Set.of())).hasMessageContaining("held-out side empty");
    }

    @Test
    void randomIdentitySplitIsSeeded() {
        ByteImages all = tenClasses();
        Splits.Split a = Splits.byIdentity(all, 0.3, 42);
        assertThat(ids(a.test())).hasSize(3).doesNotContainAnyElementsOf(ids(a.train()));
        assertThat(ids(Splits.byIdentity(all, 0.3, 42).test())).isEqualTo(ids(a.test()));
        boolean differs = false;
        for (long seed = 0; seed < 20 && !differs; seed++) {
            differs = !ids(Splits.byIdentity(all, 0.3, seed).test()).equals(ids(a.test()));
        }
        assertThat(differs).isTrue();
        assertThatThrownBy(() -> Splits.byIdentity(all, 1.0, 1)).hasMessage("The held-out fraction must be in (0, 1),"
                + " got 1.0");
    }

    @Test
    void bySampleKeepsEveryIdentityOnBothSides() {
        ByteImages all = tenClasses();
        Splits.Split split = Splits.bySample(all, 0.25, 7);
        assertThat(ids(split.train())).hasSize(10);
        assertThat(ids(split.test())).hasSize(10);
        assertThat(pixels(split.train())).doesNotContainAnyElementsOf(pixels(split.test()));
        assertThat(split.train().size() + split.test().size()).isEqualTo(all.size());
        // class 9 has 11 images: round(2.75) = 3 held out; class 0 has 2: one each side
        assertThat(Arrays.stream(split.test().labels()).filter(l -> l == 9).count()).isEqualTo(3);
        assertThat(Arrays.stream(split.test().labels()).filter(l -> l == 0).count()).isEqualTo(1);
        assertThat(pixels(Splits.bySample(all, 0.25, 7).test())).isEqualTo(pixels(split.test()));
        assertThat(pixels(Splits.bySample(all, 0.25, 8).test())).isNotEqualTo(pixels(split.test()));
    }
}
