package io.github.facenet4j.mining.internal;

import static io.github.facenet4j.api.Draw.between;

import io.github.facenet4j.api.EmbeddingBatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;

/** Random test batches: identities of varied sizes (singletons included), labels shuffled. */
final class Batches {

    private Batches() {
    }

    /**
     * {@code identities} identities of 1 to {@code maxPerIdentity} rows each, dimension
     * {@code dimension}; with {@code grid}, coordinates are multiples of 0.25 so that
     * distances tie often (tie-breaking gets exercised).
     */
    static EmbeddingBatch random(long seed, int identities, int maxPerIdentity, int dimension, boolean grid) {
        Random random = new Random(seed);
        List<Integer> labels = new ArrayList<>();
        for (int identity = 0; identity < identities; identity++) {
            int size = 1 + random.nextInt(maxPerIdentity);
            for (int k = 0; k < size; k++) {
                labels.add(identity * 7 - 3);
            }
        }
        Collections.shuffle(labels, random);
        float[][] embeddings = new float[labels.size()][dimension];
        for (float[] row : embeddings) {
            for (int k = 0; k < dimension; k++) {
                row[k] = grid ? (random.nextInt(9) - 4) * 0.25f : (float) random.nextGaussian() * 0.5f;
            }
        }
        return new EmbeddingBatch(embeddings, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The batch most miner properties run on: {@link #random} with 1 to 8 identities of at most
     * 1 to 6 rows, those two sizes drawn from {@code sizes}.
     */
    static EmbeddingBatch small(long seed, RandomGenerator sizes, int dimension, boolean grid) {
        return random(seed, between(sizes, 1, 8), between(sizes, 1, 6), dimension, grid);
    }

    /**
     * Clustered unit vectors like a trained model's: identity centre c random on the sphere,
     * sample = normalize(c + σ·g/√d) with g standard normal.
     */
    static EmbeddingBatch clustered(long seed, int identities, int perIdentity, int dimension, double sigma) {
        Random random = new Random(seed);
        float[][] embeddings = new float[identities * perIdentity][];
        int[] labels = new int[identities * perIdentity];
        for (int identity = 0; identity < identities; identity++) {
            double[] centre = normalize(gaussian(random, dimension, 1));
            for (int s = 0; s < perIdentity; s++) {
                double[] noise = gaussian(random, dimension, sigma / Math.sqrt(dimension));
                for (int k = 0; k < dimension; k++) {
                    noise[k] += centre[k];
                }
                double[] sample = normalize(noise);
                float[] row = new float[dimension];
                for (int k = 0; k < dimension; k++) {
                    row[k] = (float) sample[k];
                }
                embeddings[identity * perIdentity + s] = row;
                labels[identity * perIdentity + s] = identity;
            }
        }
        return new EmbeddingBatch(embeddings, labels);
    }

    private static double[] gaussian(Random random, int dimension, double scale) {
        double[] v = new double[dimension];
        for (int k = 0; k < dimension; k++) {
            v[k] = random.nextGaussian() * scale;
        }
        return v;
    }

    private static double[] normalize(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        double norm = Math.sqrt(sum);
        for (int k = 0; k < v.length; k++) {
            v[k] /= norm;
        }
        return v;
    }
}
