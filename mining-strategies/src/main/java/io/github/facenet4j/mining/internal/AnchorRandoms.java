package io.github.facenet4j.mining.internal;

import io.github.facenet4j.api.MiningContext;
import java.util.SplittableRandom;

/**
 * Independent random streams per anchor, derived from the context's seed and step and the
 * anchor index only, so that mining in parallel blocks gives the same triplets as mining
 * anchor by anchor, whatever the thread scheduling.
 */
final class AnchorRandoms {

    private final long base;

    AnchorRandoms(MiningContext context) {
        // Only the first draw is used, re-mixed per anchor: MiningContext.random() seeds
        // SplittableRandom a gamma apart per step, so step s+1's stream is step s's shifted
        // by one draw; single first draws still differ per step and are then hashed apart.
        this.base = context.random().nextLong();
    }

    /** The stream of {@code anchor}. */
    SplittableRandom forAnchor(int anchor) {
        return new SplittableRandom(mix(base + 0xD1B54A32D192ED03L * (anchor + 1L)));
    }

    /** A stream apart from every anchor's, for choices over the whole batch (sampling a cap). */
    SplittableRandom forBatch() {
        return new SplittableRandom(mix(base ^ 0x632BE59BD9B4E019L));
    }

    /**
     * Stafford's variant 13 of the MurmurHash3 finaliser: nearby inputs give unrelated
     * seeds (SplittableRandom seeds a constant gamma apart would give shifted sequences).
     */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
