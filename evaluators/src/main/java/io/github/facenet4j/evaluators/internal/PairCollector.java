package io.github.facenet4j.evaluators.internal;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.EvaluationInput.Metric;
import io.github.facenet4j.api.EvaluationInput.Pairs;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Fills {@link PairCounts} from explicit pairs, from all pairs of a labelled set, or from all
 * cross pairs of two sets.
 *
 * <p>All-pairs mode (FaceNet's hold-out protocol, §4.1) makes two passes over row blocks of
 * distances: the first keeps the distance of each same-identity pair, the second counts each
 * different-identity pair. Memory: the block buffer ({@link Distances#BLOCK} × n floats),
 * the same pairs (see {@link PairCounts}) and nothing per different pair. Pair (i, j), i &lt; j,
 * goes to fold {@link #fold(int, int, int)}, a fixed hash of the two rows.
 */
final class PairCollector {

    /** Beyond this many same pairs all-pairs mode would need gigabytes: ask for explicit pairs. */
    static final long MAX_SAME_PAIRS = 20_000_000L;
    static final int HISTOGRAM_BINS = 100;

    private PairCollector() {
    }

    /** Counts the given pairs; pairs with their own folds keep them, others are dealt p mod folds. */
    static PairCounts explicit(EmbeddingBatch batch, Pairs pairs, Metric metric, int folds) {
        Distances distances = new Distances(batch.embeddings(), metric);
        int n = pairs.size();
        boolean ownFolds = pairs.folds() > 1;
        int foldCount = ownFolds ? pairs.folds() : folds;
        float[] d = pairDistances(distances, pairs);
        int sameCount = 0;
        for (boolean s : pairs.same()) {
            sameCount += s ? 1 : 0;
        }
        requireBothKinds(sameCount, n - sameCount);
        float[] sameD = new float[sameCount];
        int[] sameF = new int[sameCount];
        for (int p = 0, k = 0; p < n; p++) {
            if (pairs.same()[p]) {
                sameD[k] = d[p];
                sameF[k++] = ownFolds ? pairs.fold()[p] : p % foldCount;
            }
        }
        PairCounts counts = new PairCounts(sameD, sameF, sameCount, foldCount,
                new PairCounts.Histograms(distances.upperBound(), HISTOGRAM_BINS));
        for (int p = 0; p < n; p++) {
            if (!pairs.same()[p]) {
                counts.addDiff(d[p], ownFolds ? pairs.fold()[p] : p % foldCount);
            }
        }
        return counts;
    }

    /** Each pair's distance, read as (min row, max row) from the blocks that hold the min rows. */
    private static float[] pairDistances(Distances distances, Pairs pairs) {
        float[][] rows = distances.rows();
        int n = pairs.size();
        Integer[] order = new Integer[n];
        for (int p = 0; p < n; p++) {
            order[p] = p;
        }
        Arrays.sort(order, (p, q) -> Integer.compare(low(pairs, p), low(pairs, q)));
        float[] d = new float[n];
        Distances.Block block = null;
        for (int p : order) {
            int row = low(pairs, p);
            if (block == null || row >= block.to()) {
                block = distances.block(rows, row / Distances.BLOCK * Distances.BLOCK);
            }
            d[p] = block.get(row, Math.max(pairs.first()[p], pairs.second()[p]));
        }
        return d;
    }

    private static int low(Pairs pairs, int p) {
        return Math.min(pairs.first()[p], pairs.second()[p]);
    }

    /** Counts every pair i &lt; j of {@code batch}, same when the labels agree. */
    static PairCounts allPairs(EmbeddingBatch batch, Metric metric, int folds) {
        int[] labels = batch.labels();
        int n = batch.size();
        int[] labelIndex = denseLabels(labels);
        int[][] members = membersByLabel(labelIndex);
        long sameCount = 0;
        for (int[] group : members) {
            sameCount += (long) group.length * (group.length - 1) / 2;
        }
        long diffCount = (long) n * (n - 1) / 2 - sameCount;
        requireBothKinds(sameCount, diffCount);
        if (sameCount > MAX_SAME_PAIRS) {
            throw new BadInputException("All-pairs verification keeps every same-identity pair in memory: " + sameCount
                    + " exceed " + MAX_SAME_PAIRS + ". Evaluate explicit pairs (--pairs) or a subset.");
        }
        Distances distances = new Distances(batch.embeddings(), metric);
        float[][] rows = distances.rows();

        float[] sameD = new float[(int) sameCount];
        int[] sameF = new int[(int) sameCount];
        int k = 0;
        for (int from = 0; from < n; from += Distances.BLOCK) {
            Distances.Block block = distances.block(rows, from);
            for (int i = from; i < block.to(); i++) {
                for (int j : members[labelIndex[i]]) {
                    if (j > i) {
                        sameD[k] = block.get(i, j);
                        sameF[k++] = fold(i, j, folds);
                    }
                }
            }
        }
        PairCounts counts = new PairCounts(sameD, sameF, k, folds,
                new PairCounts.Histograms(distances.upperBound(), HISTOGRAM_BINS));
        for (int from = 0; from < n; from += Distances.BLOCK) {
            Distances.Block block = distances.block(rows, from);
            float[] values = block.values();
            float scale = block.scale();
            for (int i = from; i < block.to(); i++) {
                int offset = block.offset(i);
                int label = labels[i];
                for (int j = i + 1; j < n; j++) {
                    if (labels[j] != label) {
                        counts.addDiff(values[offset + j] * scale + 0f, fold(i, j, folds));
                    }
                }
            }
        }
        return counts;
    }

    /**
     * Counts every cross pair (i, j), i a row of {@code first}, j a row of {@code second}, same
     * when the labels agree: the pairs of a comparison across two sets in one space (another
     * model's embeddings mapped into this one's). Streamed like {@link #allPairs}: the distances
     * from blocks of {@code first}'s rows to all of {@code second}'s, twice.
     */
    static PairCounts crossPairs(EmbeddingBatch first, EmbeddingBatch second, Metric metric, int folds) {
        int[] firstLabels = first.labels();
        int[] secondLabels = second.labels();
        int[] all = new int[firstLabels.length + secondLabels.length];
        System.arraycopy(firstLabels, 0, all, 0, firstLabels.length);
        System.arraycopy(secondLabels, 0, all, firstLabels.length, secondLabels.length);
        int[] dense = denseLabels(all);
        long[] secondPerLabel = new long[IntStream.of(dense).max().orElse(-1) + 1];
        for (int j = 0; j < secondLabels.length; j++) {
            secondPerLabel[dense[firstLabels.length + j]]++;
        }
        long sameCount = 0;
        for (int i = 0; i < firstLabels.length; i++) {
            sameCount += secondPerLabel[dense[i]];
        }
        long diffCount = (long) first.size() * second.size() - sameCount;
        requireBothKinds(sameCount, diffCount);
        if (sameCount > MAX_SAME_PAIRS) {
            throw new BadInputException("Cross-pair verification keeps every same-identity pair in memory: "
                    + sameCount + " exceed " + MAX_SAME_PAIRS + ". Evaluate a subset of either set.");
        }
        Distances distances = new Distances(second.embeddings(), metric);
        float[][] queries = Distances.prepare(first.embeddings(), metric);
        int[][] members = membersByLabel(Arrays.copyOfRange(dense, firstLabels.length, all.length),
                secondPerLabel.length);
        float[] sameD = new float[(int) sameCount];
        int[] sameF = new int[(int) sameCount];
        int k = 0;
        for (int from = 0; from < first.size(); from += Distances.BLOCK) {
            Distances.Block block = distances.block(queries, from);
            for (int i = from; i < block.to(); i++) {
                for (int j : members[dense[i]]) {
                    sameD[k] = block.get(i, j);
                    sameF[k++] = fold(i, j, folds);
                }
            }
        }
        PairCounts counts = new PairCounts(sameD, sameF, k, folds,
                new PairCounts.Histograms(distances.upperBound(queries), HISTOGRAM_BINS));
        for (int from = 0; from < first.size(); from += Distances.BLOCK) {
            Distances.Block block = distances.block(queries, from);
            float[] values = block.values();
            float scale = block.scale();
            for (int i = from; i < block.to(); i++) {
                int offset = block.offset(i);
                int label = firstLabels[i];
                for (int j = 0; j < second.size(); j++) {
                    if (secondLabels[j] != label) {
                        counts.addDiff(values[offset + j] * scale + 0f, fold(i, j, folds));
                    }
                }
            }
        }
        return counts;
    }

    /**
     * Fold of pair (i, j), i &lt; j: a 64-bit mix of both rows mapped onto [0, folds), so
     * folds are near-equal in size and independent of label order.
     */
    static int fold(int i, int j, int folds) {
        long h = (i * 0x9E3779B97F4A7C15L) ^ (j + 0x632BE59BD9B4E019L);
        h = (h ^ (h >>> 32)) * 0xD6E8FEB86659FD93L;
        h ^= h >>> 32;
        return (int) (((h >>> 33) * folds) >>> 31);
    }

    private static void requireBothKinds(long same, long diff) {
        if (same == 0) {
            throw new BadInputException("No same-identity pairs: verification needs at least one identity with"
                    + " two embeddings.");
        }
        if (diff == 0) {
            throw new BadInputException("No different-identity pairs: verification needs at least two identities.");
        }
    }

    private static int[] denseLabels(int[] labels) {
        int[] sorted = IntStream.of(labels).distinct().sorted().toArray();
        int[] dense = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            dense[i] = Arrays.binarySearch(sorted, labels[i]);
        }
        return dense;
    }

    /** Rows of each dense label, ascending. */
    private static int[][] membersByLabel(int[] dense) {
        return membersByLabel(dense, IntStream.of(dense).max().orElse(-1) + 1);
    }

    private static int[][] membersByLabel(int[] dense, int groups) {
        int[] sizes = new int[groups];
        for (int g : dense) {
            sizes[g]++;
        }
        int[][] members = new int[groups][];
        for (int g = 0; g < groups; g++) {
            members[g] = new int[sizes[g]];
        }
        int[] filled = new int[groups];
        for (int i = 0; i < dense.length; i++) {
            members[dense[i]][filled[dense[i]]++] = i;
        }
        return members;
    }
}
