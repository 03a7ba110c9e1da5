package io.github.facenet4j.gallery;

import static io.github.facenet4j.api.Draw.between;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.RandomCases;
import io.github.facenet4j.api.math.Vectors;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KnnGraphTest {

    @Test
    void exactGraphOfAHandWorkedLine() {
        // 1-d 0, 1, 3, 7: squared distances 1, 9, 49 from 0; 4, 36 from 1; 16 from 3.
        KnnGraph graph = KnnGraph.exact(new float[][] {{0}, {1}, {3}, {7}}, 2);
        assertThat(graph.k()).isEqualTo(2);
        assertThat(graph.approximate()).isFalse();
        int[][] expected = {{1, 2}, {0, 2}, {1, 0}, {2, 1}};
        float[][] distances = {{1, 9}, {1, 4}, {4, 9}, {16, 36}};
        for (int i = 0; i < 4; i++) {
            for (int r = 0; r < 2; r++) {
                assertThat(graph.neighbour(i, r)).as("row %d rank %d", i, r).isEqualTo(expected[i][r]);
                assertThat(graph.distance(i, r)).isCloseTo(distances[i][r], within(1e-6f));
            }
        }
        assertThat(KnnGraph.exact(new float[][] {{0}, {1}, {3}}, 10).k()).as("k is capped at n − 1").isEqualTo(2);
        assertThat(KnnGraph.exact(new float[][] {{0}}, 3).k()).isZero();
        assertThatThrownBy(() -> KnnGraph.exact(new float[][] {{0}, {1, 2}}, 1)).isInstanceOf(BadInputException.class)
                .hasMessage("Embeddings to cluster must all have 1 values, got 2");
    }

    @Test
    void exactGraphMatchesASortOfAllDistances() {
        RandomCases.check(50, random -> {
            int n = between(random, 2, 600);
            int k = between(random, 1, 12);
            float[][] x = new float[n][5];
            for (float[] row : x) {
                for (int d = 0; d < 5; d++) {
                    row[d] = (float) random.nextGaussian();
                }
            }
            KnnGraph graph = KnnGraph.exact(x, k);
            for (int i = 0; i < n; i++) {
                int row = i;
                int[] sorted = IntStream.range(0, n).filter(j -> j != row).boxed()
                        .sorted(Comparator.comparingDouble((Integer j) -> Vectors.squaredDistance(x[row], x[j]))
                                .thenComparing(j -> j))
                        .mapToInt(Integer::intValue).limit(graph.k()).toArray();
                int[] found = IntStream.range(0, graph.k()).map(r -> graph.neighbour(row, r)).toArray();
                assertThat(found).as("row %d", i).containsExactly(sorted);
            }
        });
    }

    @Test
    void hnswGraphFindsNearlyAllTrueNeighboursOfFiveThousandClusteredFaces() {
        ClusteredPoints data = ClusteredPoints.generate(1000, 5, 128, 0.06, 7);
        int k = 10;
        KnnGraph exact = KnnGraph.exact(data.points(), k);
        KnnGraph approximate = KnnGraph.approximate(data.points(), k, KnnGraph.Hnsw.defaults(3));
        assertThat(approximate.approximate()).isTrue();
        assertThat(exact.recallAgainst(exact)).isEqualTo(1.0);
        double recall = approximate.recallAgainst(exact);
        // Measured 0.998 at M 16, beam 100; a broken search or build (wrong score order, no re-rank) falls far below.
        assertThat(recall).isGreaterThanOrEqualTo(0.95);
        // Each face's four same-identity faces are its nearest: the graph finds them too.
        long sameIdentityFirst = IntStream.range(0, data.points().length).filter(i -> IntStream.range(0, 4)
                .allMatch(r -> data.labels()[approximate.neighbour(i, r)] == data.labels()[i])).count();
        assertThat(sameIdentityFirst).isGreaterThanOrEqualTo(4950);
        // Distances are exact, sorted.
        for (int i = 0; i < 100; i++) {
            float[] d = new float[k];
            for (int r = 0; r < k; r++) {
                d[r] = approximate.distance(i, r);
                assertThat((double) d[r]).isCloseTo(Vectors.squaredDistance(data.points()[i],
                        data.points()[approximate.neighbour(i, r)]), within(1e-5));
            }
            float[] sorted = d.clone();
            Arrays.sort(sorted);
            assertThat(d).containsExactly(sorted);
        }
    }
}
