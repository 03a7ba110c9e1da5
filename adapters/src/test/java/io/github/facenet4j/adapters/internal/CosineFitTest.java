package io.github.facenet4j.adapters.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.github.facenet4j.api.AdapterTraining;
import io.github.facenet4j.api.Draw;
import io.github.facenet4j.api.EmbeddingSpace;
import io.github.facenet4j.api.RandomCases;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The mlp's hand-written gradient, and that one hidden layer fits what a linear map cannot. */
class CosineFitTest {

    @Test
    void theGradientOfTheCosineAndTripletObjectiveMatchesFiniteDifferences() {
        RandomCases.check(15, random -> {
            int in = Draw.between(random, 1, 6);
            int hidden = Draw.between(random, 0, 5);
            int out = Draw.between(random, 2, 5);
            int m = Draw.between(random, 2, 7);
            float[] parameters = new float[ResidualMlp.count(in, out, hidden)];
            for (int p = 0; p < parameters.length; p++) {
                parameters[p] = (float) random.nextGaussian();
            }
            ResidualMlp mlp = new ResidualMlp(in, out, hidden, parameters);
            float[][] x = new float[m][];
            float[][] y = new float[m][];
            int[] labels = new int[m];
            int[] rows = new int[m];
            for (int i = 0; i < m; i++) {
                x[i] = Fixtures.unit(random, in);
                y[i] = Fixtures.unit(random, out);
                labels[i] = random.nextInt(2);
                rows[i] = i;
            }
            boolean triplets = random.nextBoolean();
            double weight = Draw.hundredths(random, 0.1, 2);
            double margin = Draw.hundredths(random, 0, 1);
            CosineFit.Triplets chosen = triplets
                    ? CosineFit.Triplets.choose(CosineFit.Batch.forward(mlp, x, rows), y, labels, new Random(1))
                    : null;
            float[] gradient = new float[parameters.length];
            CosineFit.Batch.forward(mlp, x, rows).lossAndGradient(y, chosen, weight, margin, gradient);
            double h = 1e-2;
            for (int p = 0; p < parameters.length; p++) {
                float kept = parameters[p];
                parameters[p] = (float) (kept + h);
                double up = loss(mlp, x, y, rows, chosen, weight, margin);
                parameters[p] = (float) (kept - h);
                double down = loss(mlp, x, y, rows, chosen, weight, margin);
                parameters[p] = kept;
                double numeric = (up - down) / (2 * h);
                assertThat((double) gradient[p]).as("parameter %d of %d (%d → %d → %d, triplets %s)", p,
                        parameters.length, in, hidden, out, triplets)
                        .isCloseTo(numeric, offset(2e-3 + 2e-2 * Math.abs(numeric)));
            }
        });
    }

    private static double loss(ResidualMlp mlp, float[][] x, float[][] y, int[] rows, CosineFit.Triplets triplets,
                               double weight, double margin) {
        return CosineFit.Batch.forward(mlp, x, rows).lossAndGradient(y, triplets, weight, margin,
                new float[mlp.parameters.length]);
    }

    @Test
    void oneHiddenLayerFitsAKnownNonlinearMapBetterThanTheLinearAdapter() {
        RandomCases.check(3, random -> {
            int d = 8;
            double[][] a = Fixtures.orthogonal(random, d);
            AdapterTraining train = foldedMap(random, a, 2000);
            AdapterTraining held = foldedMap(random, a, 500);
            Map<String, Object> quick = Map.of("epochs", 60, "hidden", 64, "learning-rate", 3e-3, "batch", 64);
            FittedMap mlp = (FittedMap) new MlpAdapter(quick).fit(train);
            FittedMap linear = (FittedMap) new LinearAdapter(Map.of("method", "ridge")).fit(train);
            double mlpCosine = CosineFit.meanCosine(mlp.mlp(), held.inputs(), held.outputs());
            double linearCosine = CosineFit.meanCosine(linear.mlp(), held.inputs(), held.outputs());
            assertThat(mlpCosine).as("held-out mean cosine, mlp vs linear %s", linearCosine)
                    .isGreaterThan(linearCosine + 0.05);
        });
    }

    /** y = normalise(|A x|), component-wise absolute value: no linear map comes close. */
    private static AdapterTraining foldedMap(SplittableRandom random, double[][] a, int n) {
        int d = a.length;
        float[][] x = new float[n][];
        float[][] y = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = Fixtures.unit(random, d);
            float[] z = Fixtures.apply(a, x[i]);
            for (int k = 0; k < d; k++) {
                z[k] = Math.abs(z[k]);
            }
            y[i] = Fixtures.normalized(z);
        }
        EmbeddingSpace space = new EmbeddingSpace("toy", "1", d);
        return new AdapterTraining(space, new EmbeddingSpace("folded", "1", d), x, y, Optional.empty(), 5);
    }
}
