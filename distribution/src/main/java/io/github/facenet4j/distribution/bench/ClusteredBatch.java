package io.github.facenet4j.distribution.bench;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EmbeddingBatch;
import java.util.SplittableRandom;

/**
 * Synthetic embeddings shaped like a trained embedder's mini-batch: each identity has a
 * random unit centre c, each face is normalize(c + σ·g/√d) with g ~ N(0, I). With σ around
 * 1.4 in 128 dimensions, same-identity squared distances sit near 1.3 and different-identity
 * ones near 2, with enough overlap that semi-hard negatives exist for part of the pairs,
 * as mid-training in FaceNet.
 *
 * @param identities  number of identities P
 * @param perIdentity faces per identity K (FaceNet: about 40)
 * @param dimension   embedding dimension d
 * @param spread      σ, the within-identity noise relative to the unit centre
 * @param seed        random seed
 */
public record ClusteredBatch(int identities, int perIdentity, int dimension, double spread, long seed) {

    public ClusteredBatch {
        if (identities < 1) {
            throw new ConfigurationException("identities must be ≥ 1, got " + identities);
        }
        if (perIdentity < 1) {
            throw new ConfigurationException("--per-identity must be ≥ 1, got " + perIdentity);
        }
        if (dimension < 1) {
            throw new ConfigurationException("--dim must be ≥ 1, got " + dimension);
        }
        if (!(spread >= 0) || !Double.isFinite(spread)) {
            throw new ConfigurationException("--spread must be ≥ 0 and finite, got " + spread);
        }
    }

    /** The batch, identities in blocks of {@code perIdentity} rows, labels 0..identities−1. */
    public EmbeddingBatch generate() {
        SplittableRandom random = new SplittableRandom(seed);
        int n = identities * perIdentity;
        float[][] embeddings = new float[n][];
        int[] labels = new int[n];
        double noise = spread / Math.sqrt(dimension);
        for (int id = 0; id < identities; id++) {
            double[] centre = unit(gaussian(random, dimension, 1.0));
            for (int j = 0; j < perIdentity; j++) {
                double[] face = gaussian(random, dimension, noise);
                for (int k = 0; k < dimension; k++) {
                    face[k] += centre[k];
                }
                int row = id * perIdentity + j;
                embeddings[row] = toFloat(unit(face));
                labels[row] = id;
            }
        }
        return new EmbeddingBatch(embeddings, labels);
    }

    private static double[] gaussian(SplittableRandom random, int dimension, double scale) {
        double[] v = new double[dimension];
        for (int k = 0; k < dimension; k += 2) {
            // Box–Muller: two independent normals from two uniforms.
            double radius = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
            double angle = 2 * Math.PI * random.nextDouble();
            v[k] = scale * radius * Math.cos(angle);
            if (k + 1 < dimension) {
                v[k + 1] = scale * radius * Math.sin(angle);
            }
        }
        return v;
    }

    private static double[] unit(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int k = 0; k < v.length; k++) {
            v[k] = norm == 0 ? 0 : v[k] / norm;
        }
        return v;
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = (float) v[k];
        }
        return out;
    }
}
