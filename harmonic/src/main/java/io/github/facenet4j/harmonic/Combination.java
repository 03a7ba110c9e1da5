package io.github.facenet4j.harmonic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which network embedded a triplet's anchor, positive and negative: one of the eight cells of
 * FaceNet's Fig. 9. Seven of them hold a trainable row and teach v2; the all-v1 triplet is a
 * constant of v2 and is dropped (see {@link HarmonicBatch#keepTrainable}).
 */
public record Combination(Origin anchor, Origin positive, Origin negative) {

    public Combination {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(positive, "positive");
        Objects.requireNonNull(negative, "negative");
    }

    /** All eight, in a fixed order ({@link #index()}). */
    public static List<Combination> all() {
        List<Combination> all = new ArrayList<>(8);
        for (int i = 0; i < 8; i++) {
            all.add(ofIndex(i));
        }
        return all;
    }

    /** The combination of {@link #index()} {@code i}, 0 … 7. */
    public static Combination ofIndex(int i) {
        if (i < 0 || i > 7) {
            throw new IllegalArgumentException("combination index must be 0 … 7, got " + i);
        }
        return new Combination(origin(i, 4), origin(i, 2), origin(i, 1));
    }

    private static Origin origin(int index, int bit) {
        return (index & bit) != 0 ? Origin.REFERENCE : Origin.TRAINABLE;
    }

    /** 0 … 7: a bit per role (anchor 4, positive 2, negative 1), set when the row is v1's. */
    public int index() {
        return (anchor == Origin.REFERENCE ? 4 : 0) + (positive == Origin.REFERENCE ? 2 : 0)
                + (negative == Origin.REFERENCE ? 1 : 0);
    }

    /** Whether any of the three rows is v2's, so the triplet has a gradient to give. */
    public boolean teaches() {
        return anchor == Origin.TRAINABLE || positive == Origin.TRAINABLE || negative == Origin.TRAINABLE;
    }

    /** As "a v2, p v1, n v1". */
    @Override
    public String toString() {
        return "a " + anchor.label() + ", p " + positive.label() + ", n " + negative.label();
    }
}
