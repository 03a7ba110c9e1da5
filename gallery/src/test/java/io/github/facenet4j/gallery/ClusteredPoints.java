package io.github.facenet4j.gallery;

import io.github.facenet4j.api.math.Vectors;
import java.util.Random;

/** Seeded test data shaped like face embeddings: unit centres, faces = normalise(centre + noise·N(0, I)). */
public record ClusteredPoints(float[][] points, int[] labels) {

    public static ClusteredPoints generate(int identities, int perIdentity, int dimension, double noise, long seed) {
        Random random = new Random(seed);
        float[][] points = new float[identities * perIdentity][];
        int[] labels = new int[points.length];
        for (int id = 0; id < identities; id++) {
            float[] centre = new float[dimension];
            for (int k = 0; k < dimension; k++) {
                centre[k] = (float) random.nextGaussian();
            }
            centre = Vectors.normalized(centre);
            for (int j = 0; j < perIdentity; j++) {
                float[] face = new float[dimension];
                for (int k = 0; k < dimension; k++) {
                    face[k] = centre[k] + (float) (noise * random.nextGaussian());
                }
                points[id * perIdentity + j] = Vectors.normalized(face);
                labels[id * perIdentity + j] = id;
            }
        }
        return new ClusteredPoints(points, labels);
    }

    /** Whether {@code ids} groups the rows exactly as the labels do. */
    public boolean samePartition(int[] ids) {
        java.util.Map<Integer, Integer> labelOfCluster = new java.util.HashMap<>();
        java.util.Map<Integer, Integer> clusterOfLabel = new java.util.HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (labelOfCluster.computeIfAbsent(ids[i], c -> -1) == -1) {
                labelOfCluster.put(ids[i], labels[i]);
            }
            clusterOfLabel.putIfAbsent(labels[i], ids[i]);
            if (labelOfCluster.get(ids[i]) != labels[i] || clusterOfLabel.get(labels[i]) != ids[i]) {
                return false;
            }
        }
        return true;
    }
}
