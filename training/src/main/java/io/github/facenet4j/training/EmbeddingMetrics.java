package io.github.facenet4j.training;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.math.DistanceMatrix;
import io.github.facenet4j.api.math.SquaredDistances;

/** Figures the trainer watches on a set of labelled embeddings, on squared L2 distances (FaceNet §3.1). */
public final class EmbeddingMetrics {

    /** Query rows per block of the distance product: 256 × n floats at a time, never n × n. */
    private static final int BLOCK = 256;

    private EmbeddingMetrics() {
    }

    /**
     * Leave-one-out 1-nearest-neighbour precision: for each row whose identity has another
     * row, whether its nearest other row (ties: the lowest index) has its label; the
     * fraction of such rows that do. Rows alone with their identity are left out, as they
     * cannot be right.
     *
     * @return the precision in [0, 1]
     * @throws BadInputException if no identity has two rows
     */
    public static double precisionAtOne(float[][] embeddings, int[] labels) {
        int n = embeddings.length;
        if (labels.length != n) {
            throw new BadInputException("Need one label per embedding: " + n + " embeddings, " + labels.length
                    + " labels");
        }
        boolean[] query = queries(labels);
        long asked = 0;
        long correct = 0;
        SquaredDistances against = SquaredDistances.against(embeddings);
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            DistanceMatrix block = against.from(embeddings, from, to);
            float[] values = block.values();
            for (int r = 0; r < to - from; r++) {
                int i = from + r;
                if (!query[i]) {
                    continue;
                }
                int offset = block.rowOffset(r);
                int best = -1;
                float bestDistance = Float.POSITIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    if (j != i && (best < 0 || values[offset + j] < bestDistance)) {
                        best = j;
                        bestDistance = values[offset + j];
                    }
                }
                asked++;
                if (labels[best] == labels[i]) {
                    correct++;
                }
            }
        }
        if (asked == 0) {
            throw new BadInputException("Precision@1 needs an identity with two or more embeddings; every one of the "
                    + n + " has its own label");
        }
        return (double) correct / asked;
    }

    /** Rows whose label occurs at least twice. */
    private static boolean[] queries(int[] labels) {
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        for (int label : labels) {
            counts.merge(label, 1, Integer::sum);
        }
        boolean[] query = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            query[i] = counts.get(labels[i]) > 1;
        }
        return query;
    }

    /**
     * Mean of ‖eᵢ − eⱼ‖² over all pairs i ≠ j, computed in O(n·d) from
     * Σᵢ≠ⱼ ‖eᵢ − eⱼ‖² = 2n Σ‖eᵢ‖² − 2‖Σ eᵢ‖² (accumulated in double). About 2 for unit
     * vectors spread over the sphere, 0 when they have collapsed to one point.
     *
     * @return the mean, or 0 for fewer than two rows
     */
    public static double meanSquaredDistance(float[][] embeddings) {
        int n = embeddings.length;
        if (n < 2) {
            return 0;
        }
        int d = embeddings[0].length;
        double[] sum = new double[d];
        double norms = 0;
        for (float[] e : embeddings) {
            for (int k = 0; k < d; k++) {
                sum[k] += e[k];
                norms += (double) e[k] * e[k];
            }
        }
        double sumNorm = 0;
        for (double s : sum) {
            sumNorm += s * s;
        }
        double total = 2.0 * n * norms - 2.0 * sumNorm;
        return Math.max(0, total / ((double) n * (n - 1)));
    }
}
