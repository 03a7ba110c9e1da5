package io.github.facenet4j.harmonic;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.Triplets;
import java.util.Arrays;

/**
 * One batch of harmonic training (FaceNet §7.1): the n images embedded by the trainable network
 * v2 (rows 0 … n−1) and by the frozen reference v1 (rows n … 2n−1, in the same order), with
 * the labels twice. Triplets mined over all 2n rows take anchor, positive and negative each
 * from either network (Fig. 9); v2's embedding of an image and v1's are a positive pair.
 */
public final class HarmonicBatch {

    private final EmbeddingBatch joint;
    private final int trainableRows;

    private HarmonicBatch(EmbeddingBatch joint, int trainableRows) {
        this.joint = joint;
        this.trainableRows = trainableRows;
    }

    /**
     * Stacks {@code trainable} over {@code reference}, v1's embeddings of the same images in the
     * same order.
     *
     * @throws BadInputException if the reference rows do not match the batch in number or dimension
     */
    public static HarmonicBatch of(EmbeddingBatch trainable, float[][] reference) {
        int n = trainable.size();
        if (reference.length != n) {
            throw new BadInputException("The reference network gave " + reference.length + " embeddings for a batch of "
                    + n + " images");
        }
        float[][] rows = Arrays.copyOf(trainable.embeddings(), 2 * n);
        System.arraycopy(reference, 0, rows, n, n);
        int[] labels = Arrays.copyOf(trainable.labels(), 2 * n);
        System.arraycopy(trainable.labels(), 0, labels, n, n);
        if (reference[0].length != trainable.dimension()) {
            throw new BadInputException("The reference network's embeddings have dimension " + reference[0].length
                    + ", the trained network's " + trainable.dimension() + "; harmonic embeddings share one space");
        }
        return new HarmonicBatch(new EmbeddingBatch(rows, labels), n);
    }

    /** The 2n rows and their labels, to mine and compute the loss over. */
    public EmbeddingBatch joint() {
        return joint;
    }

    /** n: the rows that are v2's. */
    public int trainableRows() {
        return trainableRows;
    }

    /** Which network embedded {@code row} of {@link #joint()}. */
    public Origin origin(int row) {
        if (row < 0 || row >= 2 * trainableRows) {
            throw new IndexOutOfBoundsException("row " + row + " outside the " + 2 * trainableRows + " rows");
        }
        return row < trainableRows ? Origin.TRAINABLE : Origin.REFERENCE;
    }

    /** The Fig. 9 cell of triplet {@code t}. */
    public Combination combination(Triplets triplets, int t) {
        return new Combination(origin(triplets.anchors()[t]), origin(triplets.positives()[t]),
                origin(triplets.negatives()[t]));
    }

    /**
     * The triplets with at least one v2 row; an all-v1 triplet's loss is a constant of v2 (no
     * gradient), so it would only dilute a mean-reduced loss.
     */
    public Selection keepTrainable(Triplets mined) {
        int count = mined.size();
        int[] a = new int[count];
        int[] p = new int[count];
        int[] q = new int[count];
        long[] byCombination = new long[8];
        int kept = 0;
        for (int t = 0; t < count; t++) {
            Combination c = combination(mined, t);
            byCombination[c.index()]++;
            if (c.teaches()) {
                a[kept] = mined.anchors()[t];
                p[kept] = mined.positives()[t];
                q[kept] = mined.negatives()[t];
                kept++;
            }
        }
        Triplets triplets = new Triplets(Arrays.copyOf(a, kept), Arrays.copyOf(p, kept), Arrays.copyOf(q, kept));
        return new Selection(triplets, count - kept, byCombination);
    }

    /**
     * The rows of a gradient over {@link #joint()} that belong to v2, which is all that is
     * back-propagated: v1 is frozen.
     */
    public float[][] trainableGradient(float[][] jointGradient) {
        if (jointGradient.length != 2 * trainableRows) {
            throw new IllegalArgumentException("gradient has " + jointGradient.length + " rows, the batch "
                    + 2 * trainableRows);
        }
        return Arrays.copyOf(jointGradient, trainableRows);
    }

    /**
     * What {@link #keepTrainable} kept.
     *
     * @param kept          the triplets with a v2 row
     * @param dropped       how many all-v1 triplets were left out
     * @param byCombination how many mined triplets fell in each cell, by {@link Combination#index()}
     */
    public record Selection(Triplets kept, long dropped, long[] byCombination) {
    }
}
