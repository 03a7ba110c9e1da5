package io.github.facenet4j.api;

import java.util.Objects;

/**
 * A loss value with its analytic gradient.
 *
 * @param value           the reduced loss
 * @param gradient        dL/dE, the same shape as the batch's embeddings
 * @param activeTriplets  triplets with a positive hinge (they contribute gradient)
 * @param totalTriplets   triplets the loss was given
 */
public record LossResult(double value, float[][] gradient, long activeTriplets, long totalTriplets) {

    public LossResult {
        Objects.requireNonNull(gradient, "gradient");
        if (activeTriplets < 0 || activeTriplets > totalTriplets) {
            throw new IllegalArgumentException("active triplets " + activeTriplets
                    + " not within 0.." + totalTriplets);
        }
    }

    /**
     * Fraction of triplets with positive loss. When it falls to zero early, or stays at one,
     * training has stalled or collapsed.
     */
    public double activeFraction() {
        return totalTriplets == 0 ? 0.0 : (double) activeTriplets / totalTriplets;
    }
}
