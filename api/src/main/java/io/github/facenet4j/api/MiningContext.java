package io.github.facenet4j.api;

import java.util.SplittableRandom;

/**
 * Where training stands when a miner is called: the optimisation step (what a curriculum
 * schedule reads) and the seed its random choices derive from. Miners keep no state
 * between calls, so the same context and batch always give the same triplets, and a
 * resumed training run mines exactly as an uninterrupted one.
 *
 * @param step zero-based optimisation step, ≥ 0
 * @param seed run seed
 */
public record MiningContext(long step, long seed) {

    public MiningContext {
        if (step < 0) {
            throw new ConfigurationException("step must be ≥ 0, got " + step);
        }
    }

    /** Step 0 with seed 0: for one-off mining outside a training run. */
    public static MiningContext initial() {
        return new MiningContext(0, 0);
    }

    /** A random source that depends on both seed and step, never on call order. */
    public SplittableRandom random() {
        // Seed and step are hashed together: seeding with seed + γ·step (γ being
        // SplittableRandom's own increment) would make step s+1's stream step s's shifted by one.
        return new SplittableRandom(mix64(seed ^ mix64(step + 0x632BE59BD9B4E019L)));
    }

    /** SplitMix64's finaliser (Steele, Lea, Flood 2014): a bijective 64-bit mix. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
