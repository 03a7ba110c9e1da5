package io.github.facenet4j.api.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FloatKernelTest {

    /** Lengths around the lane counts (8 and 16 floats) and the embedding sizes in use. */
    static Stream<Arguments> kernelsAndLengths() {
        FloatKernel scalar = new ScalarFloatKernel();
        FloatKernel vector = new VectorFloatKernel();
        return Stream.of(0, 1, 3, 7, 15, 16, 17, 31, 32, 33, 64, 100, 128, 129, 512, 1000).flatMap(n -> Stream.of(
                Arguments.of(scalar, n), Arguments.of(vector, n)));
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("kernelsAndLengths")
    void agreesWithTheDoubleSumsOverSeededVectors(FloatKernel kernel, int n) {
        Random random = new Random(977L * n + 5);
        for (int trial = 0; trial < 20; trial++) {
            float[] a = new float[n];
            float[] b = new float[n];
            double scale = 0;
            for (int i = 0; i < n; i++) {
                a[i] = (float) random.nextGaussian();
                b[i] = (float) random.nextGaussian();
                scale += Math.abs((double) a[i] * b[i]);
            }
            // float accumulation: the error bound grows with the sum of the terms' magnitudes
            assertThat((double) kernel.dot(a, b)).as("dot, trial %d", trial)
                    .isCloseTo(Vectors.dot(a, b), within(1e-6 * (scale + 1)));
            double exact = Vectors.squaredDistance(a, b);
            assertThat((double) kernel.squaredDistance(a, b)).as("squared distance, trial %d", trial)
                    .isCloseTo(exact, within(1e-6 * (exact + 1)));
        }
    }

    @Test
    void handWorked() {
        float[] a = new float[19];
        float[] b = new float[19];
        for (int i = 0; i < 19; i++) {
            a[i] = i + 1;
            b[i] = i % 2 == 0 ? 1 : -1;
        }
        // a·b = 1 − 2 + 3 − … + 19 = 10; ‖a − b‖² = Σ (i − b_i)² over i = 1…19 with b = ±1
        // alternating: the odd i give (i − 1)² = 0, 4, …, 324 (sum 1140), the even i (i + 1)²
        // = 9, 25, …, 361 (sum 1329), together 2469
        for (FloatKernel kernel : new FloatKernel[] {new ScalarFloatKernel(), new VectorFloatKernel()}) {
            assertThat(kernel.dot(a, b)).isEqualTo(10f);
            assertThat(kernel.squaredDistance(a, b)).isEqualTo(2469f);
        }
        assertThat(Vectors.floatDot(a, b)).isEqualTo(10f);
        assertThat(Vectors.floatSquaredDistance(a, b)).isEqualTo(2469f);
    }

    @Test
    void theBuildRunsTheVectorKernel() {
        // Surefire and the facenet launcher add jdk.incubator.vector; if this fails the fast path is off.
        assertThat(Vectors.floatKernelVectorised()).isTrue();
    }

    @Test
    void refusesVectorsOfDifferentLengths() {
        assertThatThrownBy(() -> Vectors.floatDot(new float[3], new float[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("vectors of 3 and 4 components");
        assertThatThrownBy(() -> Vectors.floatSquaredDistance(new float[2], new float[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("vectors of 2 and 1 components");
    }
}
