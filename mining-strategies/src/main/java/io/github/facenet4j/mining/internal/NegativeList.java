package io.github.facenet4j.mining.internal;

/**
 * A per-anchor rule that visits each ordered (anchor, positive) pair with the anchor's
 * negatives listed in ascending index order (scratch space reused across a block's
 * anchors). Pairs of an anchor without negatives count as skipped.
 */
abstract class NegativeList implements AnchorBlocks.AnchorRule {

    private final LabelledDistances distances;
    private final int[] negatives;
    private int count;

    NegativeList(LabelledDistances distances) {
        this.distances = distances;
        this.negatives = new int[distances.size()];
    }

    @Override
    public final void mine(int anchor, TripletSink sink) {
        int[] identity = distances.identityOf(anchor);
        int positives = identity.length - 1;
        if (positives == 0) {
            return;
        }
        sink.countPairs(positives);
        int[] labels = distances.labels();
        int label = labels[anchor];
        count = 0;
        for (int j = 0, n = distances.size(); j < n; j++) {
            if (labels[j] != label) {
                negatives[count++] = j;
            }
        }
        if (count == 0) {
            sink.countSkipped(positives);
            return;
        }
        startAnchor(anchor);
        for (int positive : identity) {
            if (positive != anchor) {
                minePair(anchor, positive, distances.distance(anchor, positive), sink);
            }
        }
    }

    /** Called before the pairs of an anchor that has negatives. */
    void startAnchor(int anchor) {
    }

    /** Mines pair (anchor, positive) at distance {@code dp}, with {@link #count()} negatives listed. */
    abstract void minePair(int anchor, int positive, float dp, TripletSink sink);

    int count() {
        return count;
    }

    int negative(int k) {
        return negatives[k];
    }
}
