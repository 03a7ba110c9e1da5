package io.github.facenet4j.evaluators.internal;

import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.EvaluationInput.Pairs;
import java.util.SplittableRandom;

/** Small data sets the tests share. */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * One-dimensional pairs whose squared distances are exactly {@code x²}: pair p uses rows
     * 2p (at 0) and 2p + 1 (at x_p).
     */
    static EmbeddingBatch lineBatch(float... xs) {
        float[][] rows = new float[2 * xs.length][];
        int[] labels = new int[rows.length];
        for (int p = 0; p < xs.length; p++) {
            rows[2 * p] = new float[] {0f};
            rows[2 * p + 1] = new float[] {xs[p]};
            labels[2 * p] = p;
            labels[2 * p + 1] = p;
        }
        return new EmbeddingBatch(rows, labels);
    }

    static Pairs linePairs(boolean[] same, int[] folds) {
        int[] first = new int[same.length];
        int[] second = new int[same.length];
        for (int p = 0; p < same.length; p++) {
            first[p] = 2 * p;
            second[p] = 2 * p + 1;
        }
        return new Pairs(first, second, same, folds);
    }

    /** {@code n} unit vectors in {@code d} dimensions around {@code identities} random centres. */
    static EmbeddingBatch clustered(int n, int d, int identities, double spread, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] centres = new float[identities][];
        for (int k = 0; k < identities; k++) {
            centres[k] = unit(gaussian(random, d, 1.0, null));
        }
        float[][] rows = new float[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % identities;
            rows[i] = unit(gaussian(random, d, spread, centres[labels[i]]));
        }
        return new EmbeddingBatch(rows, labels);
    }

    /** Small integer coordinates, so that many squared distances tie exactly. */
    static EmbeddingBatch integerGrid(int n, int d, int identities, int range, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] rows = new float[n][d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(identities);
            for (int k = 0; k < d; k++) {
                rows[i][k] = random.nextInt(range) + (labels[i] % 2 == 0 ? 0 : 1);
            }
        }
        return new EmbeddingBatch(rows, labels);
    }

    private static float[] gaussian(SplittableRandom random, int d, double sigma, float[] mean) {
        float[] v = new float[d];
        for (int k = 0; k < d; k++) {
            double g = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            v[k] = (float) ((mean == null ? 0 : mean[k]) + sigma * g);
        }
        return v;
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int k = 0; k < v.length; k++) {
            v[k] *= inv;
        }
        return v;
    }
}
