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
        // SplittableRandom mixes its seed well; golden-ratio spacing keeps steps apart.
        return new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (step + 1));
    }
}
