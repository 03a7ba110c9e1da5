package io.github.facenet4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.TensorBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The test double's backward pass is the gradient of its forward pass. */
class LinearEmbedderTest {

    @Test
    void weightGradientMatchesFiniteDifferences() {
        LinearEmbedder embedder = new LinearEmbedder(3, 5, 1);
        Random random = new Random(2);
        float[] data = new float[4 * 5];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        TensorBatch batch = new TensorBatch(data, 4, 1, 1, 5);
        float[][] g = new float[4][3];
        for (float[] row : g) {
            for (int k = 0; k < 3; k++) {
                row[k] = (float) random.nextGaussian();
            }
        }
        double[] analytic = embedder.weightGradient(embedder.new Pass(batch), g);
        double h = 1e-6;
        for (int p = 0; p < embedder.w.length; p++) {
            double saved = embedder.w[p];
            embedder.w[p] = saved + h;
            double up = surrogate(embedder, batch, g);
            embedder.w[p] = saved - h;
            double down = surrogate(embedder, batch, g);
            embedder.w[p] = saved;
            assertThat(analytic[p]).as("dL/dw[%d]", p).isCloseTo((up - down) / (2 * h), within(1e-6));
        }
    }

    /** Σ g·e in double, from the pass's unrounded y. */
    private static double surrogate(LinearEmbedder embedder, TensorBatch batch, float[][] g) {
        LinearEmbedder.Pass pass = embedder.new Pass(batch);
        double sum = 0;
        for (int i = 0; i < g.length; i++) {
            for (int k = 0; k < g[i].length; k++) {
                sum += g[i][k] * pass.y[i][k] / pass.norm[i];
            }
        }
        return sum;
    }

    @Test
    void stateRoundTripsExactly() throws Exception {
        LinearEmbedder a = new LinearEmbedder(4, 6, 3);
        LinearEmbedder b = new LinearEmbedder(4, 6, 4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        a.writeState(out);
        b.readState(new ByteArrayInputStream(out.toByteArray()));
        assertThat(b.w).containsExactly(a.w);
    }
}
