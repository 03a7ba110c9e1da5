package io.github.facenet4j.mining.internal;

import java.util.Arrays;

/**
 * Collects the triplets and counts of one block of anchors. Miners offer every triplet
 * their rule allows in a fixed order; the sink keeps all of them, only counts them (first
 * pass of a capped enumeration), or keeps those whose running ordinal was sampled.
 */
final class TripletSink {

    private int[] anchors;
    private int[] positives;
    private int[] negatives;
    private int size;

    private long pairs;
    private long candidates;
    private long fallbacks;
    private long skipped;

    private final boolean countOnly;
    /** Sorted global ordinals to keep, or null to keep everything. */
    private final long[] keep;
    private int keepNext;
    private final int keepEnd;
    private long ordinal;

    private TripletSink(boolean countOnly, long[] keep, int keepFrom, int keepTo, long firstOrdinal) {
        this.countOnly = countOnly;
        this.keep = keep;
        this.keepNext = keepFrom;
        this.keepEnd = keepTo;
        this.ordinal = firstOrdinal;
        int capacity = countOnly ? 0 : 64;
        anchors = new int[capacity];
        positives = new int[capacity];
        negatives = new int[capacity];
    }

    /** Keeps every offered triplet. */
    static TripletSink collecting() {
        return new TripletSink(false, null, 0, 0, 0);
    }

    /** Keeps none; {@link #offered()} tells how many were offered. */
    static TripletSink counting() {
        return new TripletSink(true, null, 0, 0, 0);
    }

    /**
     * Keeps the triplets whose ordinals, counted from {@code firstOrdinal}, appear in
     * {@code keep[from, to)} (sorted ascending).
     */
    static TripletSink sampling(long[] keep, int from, int to, long firstOrdinal) {
        return new TripletSink(false, keep, from, to, firstOrdinal);
    }

    /** Offers triplet (anchor, positive, negative); whether it is kept depends on the sink. */
    void offer(int anchor, int positive, int negative) {
        long current = ordinal++;
        if (countOnly) {
            return;
        }
        if (keep != null) {
            if (keepNext >= keepEnd || keep[keepNext] != current) {
                return;
            }
            keepNext++;
        }
        if (size == anchors.length) {
            int grown = Math.max(64, size * 2);
            anchors = Arrays.copyOf(anchors, grown);
            positives = Arrays.copyOf(positives, grown);
            negatives = Arrays.copyOf(negatives, grown);
        }
        anchors[size] = anchor;
        positives[size] = positive;
        negatives[size] = negative;
        size++;
    }

    void countPairs(long count) {
        pairs += count;
    }

    void countCandidates(long count) {
        candidates += count;
    }

    void countFallback() {
        fallbacks++;
    }

    void countSkipped(long count) {
        skipped += count;
    }

    /** Ordinal after the last offered triplet (the count, for a sink started at 0). */
    long offered() {
        return ordinal;
    }

    int size() {
        return size;
    }

    int[] anchors() {
        return anchors;
    }

    int[] positives() {
        return positives;
    }

    int[] negatives() {
        return negatives;
    }

    long pairs() {
        return pairs;
    }

    long candidates() {
        return candidates;
    }

    long fallbacks() {
        return fallbacks;
    }

    long skipped() {
        return skipped;
    }
}
