package io.github.facenet4j.mining.internal;

import io.github.facenet4j.api.MiningResult;
import io.github.facenet4j.api.Triplets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Runs a per-anchor mining rule over a batch in parallel blocks of anchors and joins the
 * blocks' triplets in anchor order. Results never depend on the number of threads: each
 * block has its own sink and scratch space, and randomness comes per anchor from
 * {@link AnchorRandoms}.
 */
final class AnchorBlocks {

    /** Anchors per parallel task. */
    static final int BLOCK = 32;
    /** Batches smaller than this are mined on the calling thread. */
    private static final int PARALLEL_FROM = 256;

    /**
     * The rule for one anchor: offers its triplets to the sink in a fixed order and
     * records its counts there. One instance serves one block, so it may keep scratch
     * arrays.
     */
    interface AnchorRule {
        void mine(int anchor, TripletSink sink);
    }

    private AnchorBlocks() {
    }

    /**
     * Counts the ordered pairs of {@code anchor} and says how many positives it has to
     * mine: 0 when it has no positive, or no negative (its pairs then count as skipped).
     */
    static int openAnchor(LabelledDistances distances, int anchor, TripletSink sink) {
        int positives = distances.identityOf(anchor).length - 1;
        sink.countPairs(positives);
        if (positives > 0 && distances.negativeCount(anchor) == 0) {
            sink.countSkipped(positives);
            return 0;
        }
        return positives;
    }

    /** Keeps every triplet the rule offers. */
    static MiningResult mineAll(int size, Supplier<AnchorRule> rules) {
        return join(run(size, rules, block -> TripletSink.collecting()));
    }

    /**
     * Keeps every triplet the rule offers while there are at most {@code cap}, otherwise a
     * uniform sample of {@code cap} of them chosen by reservoir sampling, still in anchor
     * order. The rule runs twice (count, then keep), so memory stays O(cap) however many
     * triplets the rule allows.
     */
    static MiningResult mineCapped(int size, long cap, SplittableRandom random, Supplier<AnchorRule> rules) {
        List<TripletSink> counted = run(size, rules, block -> TripletSink.counting());
        long[] firstOrdinal = new long[counted.size() + 1];
        for (int b = 0; b < counted.size(); b++) {
            firstOrdinal[b + 1] = firstOrdinal[b] + counted.get(b).offered();
        }
        long total = firstOrdinal[counted.size()];
        if (total <= cap) {
            return join(run(size, rules, block -> TripletSink.collecting()));
        }
        long[] keep = Reservoir.sample(total, (int) cap, random);
        return join(run(size, rules, block -> {
            int from = lowerBound(keep, firstOrdinal[block]);
            int to = lowerBound(keep, firstOrdinal[block + 1]);
            return TripletSink.sampling(keep, from, to, firstOrdinal[block]);
        }));
    }

    /** The cap for a batch of {@code size}: {@code configured}, or n² when it is 0, within array limits. */
    static long effectiveCap(long configured, int size) {
        long cap = configured == 0 ? (long) size * size : configured;
        return Math.min(cap, Integer.MAX_VALUE - 8);
    }

    private interface SinkFactory {
        TripletSink forBlock(int block);
    }

    private static List<TripletSink> run(int size, Supplier<AnchorRule> rules, SinkFactory sinks) {
        int blocks = (size + BLOCK - 1) / BLOCK;
        IntStream stream = IntStream.range(0, blocks);
        if (size >= PARALLEL_FROM) {
            stream = stream.parallel();
        }
        return stream.mapToObj(block -> {
            TripletSink sink = sinks.forBlock(block);
            AnchorRule rule = rules.get();
            int end = Math.min(size, (block + 1) * BLOCK);
            for (int anchor = block * BLOCK; anchor < end; anchor++) {
                rule.mine(anchor, sink);
            }
            return sink;
        }).toList();
    }

    private static MiningResult join(List<TripletSink> sinks) {
        int total = 0;
        long pairs = 0;
        long candidates = 0;
        long fallbacks = 0;
        long skipped = 0;
        for (TripletSink sink : sinks) {
            total = Math.addExact(total, sink.size());
            pairs += sink.pairs();
            candidates += sink.candidates();
            fallbacks += sink.fallbacks();
            skipped += sink.skipped();
        }
        int[] anchors = new int[total];
        int[] positives = new int[total];
        int[] negatives = new int[total];
        int at = 0;
        for (TripletSink sink : sinks) {
            System.arraycopy(sink.anchors(), 0, anchors, at, sink.size());
            System.arraycopy(sink.positives(), 0, positives, at, sink.size());
            System.arraycopy(sink.negatives(), 0, negatives, at, sink.size());
            at += sink.size();
        }
        return new MiningResult(new Triplets(anchors, positives, negatives), pairs, candidates, fallbacks, skipped);
    }

    private static int lowerBound(long[] sorted, long value) {
        int index = Arrays.binarySearch(sorted, value);
        // ordinals are distinct, so a hit is the only match
        return index >= 0 ? index : -index - 1;
    }
}
