package io.github.facenet4j.distribution.bench;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.EvaluationInput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Verification between two embeddings of the same images, as FaceNet §7 compares v2 with v1:
 * for every pair i &lt; j of a sample of the images, model A's embedding of image i against
 * model B's of image j. With A = B it is the ordinary all-pairs protocol over the sample, so
 * v1↔v1, v2↔v1 and v2↔v2 are measured on exactly the same pairs. The evaluator sees one batch,
 * A's rows over B's, and explicit pairs (row i, row n + j).
 *
 * @param batch the sample's rows of A, then of B, with the labels twice
 * @param pairs every (i, n + j), i &lt; j, same when the labels agree
 */
public record CrossPairs(EmbeddingBatch batch, EvaluationInput.Pairs pairs) {

    /**
     * A seeded random sample of {@code images} of the rows both batches hold.
     *
     * @throws BadInputException if the batches differ in size or labels, or hold fewer rows
     */
    public static int[] sample(EmbeddingBatch a, EmbeddingBatch b, int images, long seed) {
        if (a.size() != b.size() || !java.util.Arrays.equals(a.labels(), b.labels())) {
            throw new BadInputException("The two embedding files do not hold the same images in the same order ("
                    + a.size() + " and " + b.size() + " rows); embed one --dataset with each model");
        }
        if (a.dimension() != b.dimension()) {
            throw new BadInputException("The two embedding files differ in dimension (" + a.dimension() + " and "
                    + b.dimension() + "): their embeddings cannot be compared");
        }
        if (images > a.size()) {
            throw new BadInputException("Asked for a sample of " + images + " images, the files hold " + a.size());
        }
        List<Integer> all = new ArrayList<>(IntStream.range(0, a.size()).boxed().toList());
        Collections.shuffle(all, new Random(seed));
        return all.subList(0, images).stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The rows {@code sample} of {@code a} over those of {@code b}, and all i &lt; j pairs between them. */
    public static CrossPairs of(EmbeddingBatch a, EmbeddingBatch b, int[] sample) {
        int n = sample.length;
        float[][] rows = new float[2 * n][];
        int[] labels = new int[2 * n];
        for (int i = 0; i < n; i++) {
            rows[i] = a.embeddings()[sample[i]];
            rows[n + i] = b.embeddings()[sample[i]];
            labels[i] = a.labels()[sample[i]];
            labels[n + i] = labels[i];
        }
        int count = n * (n - 1) / 2;
        int[] first = new int[count];
        int[] second = new int[count];
        boolean[] same = new boolean[count];
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                first[p] = i;
                second[p] = n + j;
                same[p] = labels[i] == labels[j];
                p++;
            }
        }
        return new CrossPairs(new EmbeddingBatch(rows, labels), new EvaluationInput.Pairs(first, second, same,
                new int[count]));
    }
}
