package io.github.facenet4j.api;

import java.util.Objects;

/**
 * Triplets (anchor, positive, negative) as three parallel arrays of row indices into an
 * {@link EmbeddingBatch}: {@code labels[anchor] == labels[positive] != labels[negative]}
 * and {@code anchor != positive} (FaceNet §3.1). Arrays are not copied.
 */
public record Triplets(int[] anchors, int[] positives, int[] negatives) {

    public Triplets {
        Objects.requireNonNull(anchors, "anchors");
        Objects.requireNonNull(positives, "positives");
        Objects.requireNonNull(negatives, "negatives");
        if (anchors.length != positives.length || anchors.length != negatives.length) {
            throw new BadInputException("Triplet arrays differ in length: " + anchors.length + " anchors, "
                    + positives.length + " positives, " + negatives.length + " negatives.");
        }
    }

    /** No triplets. */
    public static Triplets empty() {
        return new Triplets(new int[0], new int[0], new int[0]);
    }

    /** Number of triplets. */
    public int size() {
        return anchors.length;
    }

    /**
     * Checks that every triplet is valid for {@code batch}: indices in range, anchor and
     * positive distinct with the same label, negative of another label.
     *
     * @throws BadInputException naming the first invalid triplet
     */
    public void requireValidFor(EmbeddingBatch batch) {
        int n = batch.size();
        int[] labels = batch.labels();
        for (int t = 0; t < anchors.length; t++) {
            int a = anchors[t];
            int p = positives[t];
            int q = negatives[t];
            if (a < 0 || a >= n || p < 0 || p >= n || q < 0 || q >= n) {
                throw new BadInputException("Triplet " + t + " (" + a + ", " + p + ", " + q
                        + ") has an index outside the batch of " + n + ".");
            }
            if (a == p || labels[a] != labels[p] || labels[a] == labels[q]) {
                throw new BadInputException("Triplet " + t + " (" + a + ", " + p + ", " + q
                        + ") is not anchor/positive of one identity and negative of another.");
            }
        }
    }
}
