package io.github.facenet4j.backends.djl.internal;

import static io.github.facenet4j.backends.djl.internal.TestGraphs.BACKEND;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.OptimizerSettings;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.TrainableEmbedder;
import io.github.facenet4j.api.TrainableEmbedder.TrainingPass;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * End to end on a toy problem: a small CNN trained with the triplet loss (FaceNet §3.1, eq. 1,
 * all valid triplets of a P×K batch, margin 0.2), loss and gradient in plain Java, separates
 * four "identities" (noisy copies of four similar random 8×8 patterns) on images it never
 * trained on.
 */
class DjlTripletTrainingTest {

    private static final int IDENTITIES = 4;
    private static final int PER_IDENTITY = 4;
    private static final float MARGIN = 0.2f;
    private static final int SIDE = 8;

    /** A triplet loss value and dL/dE. */
    private record Loss(double value, float[][] gradient) {
    }

    /**
     * L = (1/T) Σ over all (a, p, n) with label(a) = label(p) ≠ label(n) of
     * [‖a − p‖² − ‖a − n‖² + α]₊; an active triplet adds 2(n − p)/T to dL/da,
     * 2(p − a)/T to dL/dp and 2(a − n)/T to dL/dn.
     */
    private static Loss tripletLoss(float[][] e, int[] labels) {
        int d = e[0].length;
        float[][] grad = new float[e.length][d];
        double sum = 0;
        int triplets = 0;
        for (int a = 0; a < e.length; a++) {
            for (int p = 0; p < e.length; p++) {
                if (p == a || labels[p] != labels[a]) {
                    continue;
                }
                for (int n = 0; n < e.length; n++) {
                    if (labels[n] == labels[a]) {
                        continue;
                    }
                    triplets++;
                    double hinge = distance(e[a], e[p]) - distance(e[a], e[n]) + MARGIN;
                    if (hinge > 0) {
                        sum += hinge;
                        for (int i = 0; i < d; i++) {
                            grad[a][i] += 2 * (e[n][i] - e[p][i]);
                            grad[p][i] += 2 * (e[p][i] - e[a][i]);
                            grad[n][i] += 2 * (e[a][i] - e[n][i]);
                        }
                    }
                }
            }
        }
        for (float[] row : grad) {
            for (int i = 0; i < d; i++) {
                row[i] /= triplets;
            }
        }
        return new Loss(sum / triplets, grad);
    }

    private static double distance(float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] - y[i]) * (x[i] - y[i]);
        }
        return s;
    }

    /** P × K images: each identity's pattern plus Gaussian noise. */
    private static TensorBatch batch(float[][] patterns, int[] labels, Random noise) {
        int size = SIDE * SIDE;
        float[] data = new float[labels.length * size];
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < size; j++) {
                data[i * size + j] = patterns[labels[i]][j] + (float) (0.3 * noise.nextGaussian());
            }
        }
        return new TensorBatch(data, labels.length, 1, SIDE, SIDE);
    }

    @Test
    void trainingReducesTheTripletLossOnUnseenImages() {
        Random random = new Random(17);
        // Identities share most of their pattern, so that an untrained net hardly tells them apart.
        float[] common = new float[SIDE * SIDE];
        for (int j = 0; j < common.length; j++) {
            common[j] = (float) random.nextGaussian();
        }
        float[][] patterns = new float[IDENTITIES][SIDE * SIDE];
        for (float[] p : patterns) {
            for (int j = 0; j < p.length; j++) {
                p[j] = common[j] + (float) (0.4 * random.nextGaussian());
            }
        }
        int[] labels = new int[IDENTITIES * PER_IDENTITY];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / PER_IDENTITY;
        }
        TensorBatch heldOut = batch(patterns, labels, new Random(99));

        try (TrainableEmbedder embedder = BACKEND.trainable(DjlTrainableEmbedderTest.smallCnn(8),
                OptimizerSettings.adam(0.01))) {
            double before = tripletLoss(embedder.embed(heldOut), labels).value();
            double firstTraining = Double.NaN;
            for (int step = 0; step < 40; step++) {
                try (TrainingPass pass = embedder.forward(batch(patterns, labels, random))) {
                    Loss loss = tripletLoss(pass.embeddings(), labels);
                    if (step == 0) {
                        firstTraining = loss.value();
                    }
                    pass.backwardAndStep(loss.gradient());
                }
            }
            double after = tripletLoss(embedder.embed(heldOut), labels).value();
            System.out.printf("triplet loss on held-out images: %.4f before, %.4f after 40 Adam steps"
                    + " (first training batch %.4f)%n", before, after, firstTraining);
            assertThat(before).isGreaterThan(0.05);
            assertThat(after).isLessThan(before / 4);
        }
    }
}
