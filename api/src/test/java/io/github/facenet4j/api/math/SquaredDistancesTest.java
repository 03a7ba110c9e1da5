package io.github.facenet4j.api.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import java.util.stream.Stream;

class SquaredDistancesTest {

    static Stream<Arguments> kernelsAndShapes() {
        GramKernel scalar = new ScalarGramKernel();
        GramKernel vector = new VectorGramKernel();
        return Stream.of(1, 7, 8, 33, 65, 300).flatMap(n -> Stream.of(3, 16, 128).flatMap(d -> Stream.of(
                Arguments.of(scalar, n, d), Arguments.of(vector, n, d))));
    }

    @ParameterizedTest(name = "{0} n={1} d={2}")
    @MethodSource("kernelsAndShapes")
    void pairwiseMatchesDirectDifferences(GramKernel kernel, int n, int d) {
        float[][] x = randomUnitVectors(n, d, new Random(n * 31L + d));
        DistanceMatrix matrix = new SquaredDistances(x, kernel).pairwiseOfColumns(x);
        assertThat(matrix.rows()).isEqualTo(n);
        assertThat(matrix.columns()).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            assertThat(matrix.get(i, i)).isZero();
            for (int j = 0; j < n; j++) {
                assertThat((double) matrix.get(i, j)).isCloseTo(Vectors.squaredDistance(x[i], x[j]),
                        org.assertj.core.api.Assertions.within(2e-5));
                assertThat(matrix.get(i, j)).isEqualTo(matrix.get(j, i)).isGreaterThanOrEqualTo(0f);
            }
        }
    }

    @ParameterizedTest(name = "{0} n={1} d={2}")
    @MethodSource("kernelsAndShapes")
    void rowBlocksAgainstPreparedColumnsMatchDirectDifferences(GramKernel kernel, int n, int d) {
        Random random = new Random(7);
        float[][] columns = randomUnitVectors(n, d, random);
        float[][] queries = randomUnitVectors(n + 5, d, random);
        SquaredDistances prepared = new SquaredDistances(columns, kernel);
        int from = 2;
        int to = Math.min(queries.length, from + 11);
        DistanceMatrix block = prepared.from(queries, from, to);
        assertThat(block.rows()).isEqualTo(to - from);
        for (int r = 0; r < to - from; r++) {
            for (int j = 0; j < n; j++) {
                assertThat((double) block.get(r, j)).isCloseTo(
                        Vectors.squaredDistance(queries[from + r], columns[j]),
                        org.assertj.core.api.Assertions.within(2e-5));
            }
        }
    }

    @Test
    void handWorkedDistances() {
        float[][] x = {{0, 0}, {3, 4}, {1, 0}};
        DistanceMatrix m = SquaredDistances.pairwise(x);
        assertThat(m.get(0, 1)).isEqualTo(25f);
        assertThat(m.get(1, 2)).isEqualTo(20f);
        assertThat(m.get(2, 0)).isEqualTo(1f);
    }

    @Test
    void launcherAndTestsRunTheVectorKernel() {
        // Surefire and the facenet launcher add jdk.incubator.vector; if this fails the fast path is off.
        assertThat(SquaredDistances.vectorised()).isTrue();
    }

    @Test
    void rejectsMixedDimensions() {
        float[][] x = {{1, 2}, {1, 2, 3}};
        assertThatThrownBy(() -> SquaredDistances.pairwise(x))
                .hasMessageContaining("Vector 1 has dimension 3, expected 2");
    }

    static float[][] randomUnitVectors(int n, int d, Random random) {
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i][k] = (float) random.nextGaussian();
            }
            x[i] = Vectors.normalized(x[i]);
        }
        return x;
    }
}
