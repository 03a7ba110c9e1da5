package io.github.facenet4j.api.math;

import java.util.random.RandomGenerator;

/** Random orders of indices. */
public final class Permutation {

    private Permutation() {
    }

    /** Shuffles {@code order} in place, every permutation equally likely (Fisher–Yates). */
    public static void shuffle(int[] order, RandomGenerator random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
