package io.github.facenet4j.faces;

import static io.github.facenet4j.api.Draw.between;
import static io.github.facenet4j.api.Draw.hundredths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.RandomCases;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimilarityTransformTest {

    private static List<Point> randomPoints(Random r, int n, double spread) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(new Point((r.nextDouble() - 0.5) * spread, (r.nextDouble() - 0.5) * spread));
        }
        return points;
    }

    private static List<Point> map(SimilarityTransform t, List<Point> points) {
        return points.stream().map(t::apply).toList();
    }

    private static double cost(SimilarityTransform t, List<Point> from, List<Point> to) {
        double sum = 0;
        for (int i = 0; i < from.size(); i++) {
            Point p = t.apply(from.get(i));
            sum += Math.pow(p.x() - to.get(i).x(), 2) + Math.pow(p.y() - to.get(i).y(), 2);
        }
        return sum;
    }

    @Test
    void recoversAKnownSimilarityFromNoiselessPoints() {
        RandomCases.check(200, random -> {
            double degrees = hundredths(random, -180, 180);
            double scale = hundredths(random, 0.05, 20);
            double tx = hundredths(random, -2000, 2000);
            double ty = hundredths(random, -2000, 2000);
            int n = between(random, 2, 40);
            List<Point> from = randomPoints(new Random(random.nextLong()), n, 300);
            SimilarityTransform truth = SimilarityTransform.of(scale, Math.toRadians(degrees), tx, ty);

            SimilarityTransform found = SimilarityTransform.estimate(from, map(truth, from));

            double tolerance = 1e-9 * (1 + scale * 300);
            assertThat(found.a()).isCloseTo(truth.a(), within(tolerance / 300));
            assertThat(found.b()).isCloseTo(truth.b(), within(tolerance / 300));
            assertThat(found.tx()).isCloseTo(tx, within(tolerance + 1e-9 * Math.abs(tx)));
            assertThat(found.ty()).isCloseTo(ty, within(tolerance + 1e-9 * Math.abs(ty)));
            assertThat(found.scale()).isCloseTo(scale, within(1e-9 * scale));
        });
    }

    @Test
    void isLeastSquaresOptimalOnNoisyPoints() {
        RandomCases.check(100, random -> {
            int n = between(random, 3, 30);
            Random r = new Random(random.nextLong());
            List<Point> from = randomPoints(r, n, 100);
            SimilarityTransform truth = SimilarityTransform.of(0.5 + 2 * r.nextDouble(), (r.nextDouble() - 0.5) * 6,
                    r.nextGaussian() * 50, r.nextGaussian() * 50);
            List<Point> to = new ArrayList<>();
            for (Point p : map(truth, from)) {
                to.add(new Point(p.x() + r.nextGaussian() * 5, p.y() + r.nextGaussian() * 5));
            }

            SimilarityTransform best = SimilarityTransform.estimate(from, to);
            double bestCost = cost(best, from, to);

            // No nearby transform does better: perturb a, b, tx, ty in random directions at several sizes.
            for (int k = 0; k < 200; k++) {
                double step = Math.pow(10, -1 - r.nextInt(5));
                SimilarityTransform nearby = new SimilarityTransform(best.a() + r.nextGaussian() * step * 0.01,
                        best.b() + r.nextGaussian() * step * 0.01, best.tx() + r.nextGaussian() * step,
                        best.ty() + r.nextGaussian() * step);
                assertThat(cost(nearby, from, to)).isGreaterThanOrEqualTo(bestCost * (1 - 1e-12));
            }
            // Nor does the truth the noise was added to.
            assertThat(cost(truth, from, to)).isGreaterThanOrEqualTo(bestCost);
        });
    }

    @Test
    void neverReflectsEvenWhenTheTargetIsAMirrorImage() {
        List<Point> from = List.of(new Point(0, 0), new Point(10, 0), new Point(0, 5), new Point(7, 9));
        List<Point> mirrored = from.stream().map(p -> new Point(-p.x(), p.y())).toList();

        SimilarityTransform t = SimilarityTransform.estimate(from, mirrored);

        // a·a + b·b > 0 and the map is x' = a x − b y, y' = b x + a y: determinant a² + b² > 0.
        assertThat(t.scale()).isGreaterThan(0).isLessThan(1); // a rotation only half-fits a mirror image
        Random r = new Random(3);
        double bestCost = cost(t, from, mirrored);
        for (int k = 0; k < 100; k++) {
            SimilarityTransform rotated = SimilarityTransform.of(t.scale(), t.angle() + r.nextGaussian() * 0.1,
                    t.tx(), t.ty());
            assertThat(cost(rotated, from, mirrored)).isGreaterThanOrEqualTo(bestCost * (1 - 1e-12));
        }
    }

    @Test
    void inverseAndCompositionUndoEachOther() {
        SimilarityTransform t = SimilarityTransform.of(2.5, 0.7, 30, -12);
        Point p = new Point(13, -4);

        Point back = t.inverse().apply(t.apply(p));
        Point twice = t.after(t).apply(p);
        Point expected = t.apply(t.apply(p));

        assertThat(back.x()).isCloseTo(p.x(), within(1e-12));
        assertThat(back.y()).isCloseTo(p.y(), within(1e-12));
        assertThat(twice.x()).isCloseTo(expected.x(), within(1e-9));
        assertThat(twice.y()).isCloseTo(expected.y(), within(1e-9));
        assertThat(t.angle()).isCloseTo(0.7, within(1e-12));
    }

    @Test
    void degenerateInputFailsInOneClearLine() {
        List<Point> same = List.of(new Point(0.1, 0.7), new Point(0.1, 0.7), new Point(0.1, 0.7));
        List<Point> spread = List.of(new Point(0, 0), new Point(1, 0), new Point(0, 1));

        assertThatThrownBy(() -> SimilarityTransform.estimate(same, spread)).isInstanceOf(BadInputException.class)
                .hasMessage("The 3 source points all lie at one place (Point[x=0.1, y=0.7]); a similarity transform"
                        + " needs points that are spread out");
        assertThatThrownBy(() -> SimilarityTransform.estimate(spread, same)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("The 3 target points all lie at one place");
        assertThatThrownBy(() -> SimilarityTransform.estimate(spread, spread.subList(0, 2)))
                .hasMessage("A similarity transform maps point to point; got 3 source and 2 target points");
        assertThatThrownBy(() -> SimilarityTransform.estimate(spread.subList(0, 1), spread.subList(0, 1)))
                .hasMessage("A similarity transform needs at least 2 point pairs, got 1");
        assertThatThrownBy(() -> new SimilarityTransform(0, 0, 1, 1)).isInstanceOf(BadInputException.class);
    }
}
