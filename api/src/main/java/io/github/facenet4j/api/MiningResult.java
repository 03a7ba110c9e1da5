package io.github.facenet4j.api;

import java.util.Objects;

/**
 * Triplets a miner chose, with counts that tell how mining went.
 *
 * @param triplets            the chosen triplets
 * @param anchorPositivePairs ordered (anchor, positive) pairs the miner considered
 * @param candidateTriplets   triplets that satisfied the miner's own rule before any
 *                            per-pair choice or cap (e.g. all semi-hard triplets)
 * @param fallbackPairs       pairs for which no negative satisfied the rule and the
 *                            miner's documented fallback chose one
 * @param skippedPairs        pairs that got no triplet at all
 */
public record MiningResult(Triplets triplets, long anchorPositivePairs, long candidateTriplets,
                           long fallbackPairs, long skippedPairs) {

    public MiningResult {
        Objects.requireNonNull(triplets, "triplets");
        if (anchorPositivePairs < 0 || candidateTriplets < 0 || fallbackPairs < 0 || skippedPairs < 0) {
            throw new IllegalArgumentException("Mining counts must be ≥ 0");
        }
    }
}
