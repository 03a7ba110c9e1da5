package io.github.facenet4j.evaluators.internal;

import static io.github.facenet4j.api.Draw.hundredths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.EvaluationInput;
import io.github.facenet4j.api.EvaluationInput.Options;
import io.github.facenet4j.api.EvaluationInput.Pairs;
import io.github.facenet4j.api.RandomCases;
import io.github.facenet4j.evaluators.VerificationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The sweep against an O(P²) reference that tries every distinct distance as a threshold
 * and walks the ROC one distinct distance at a time. Integer coordinates make many exact
 * ties between and within classes, so tie handling is compared too.
 */
class BruteForceReferenceTest {

    @Test
    void matchesBruteForceOnRandomPairs() {
        RandomCases.check(60, cases -> {
            long seed = cases.nextLong();
            double far = hundredths(cases, 0.01, 0.6);
            SplittableRandom random = new SplittableRandom(seed);
            EmbeddingBatch batch = Fixtures.integerGrid(40, 3, 6, 3, seed);
            int n = 30 + random.nextInt(90);
            int[] first = new int[n];
            int[] second = new int[n];
            boolean[] same = new boolean[n];
            int[] fold = new int[n];
            for (int p = 0; p < n; p++) {
                first[p] = random.nextInt(40);
                second[p] = random.nextInt(40);
                same[p] = p < 3 || random.nextInt(3) == 0;
                fold[p] = p % 3;
            }
            same[n - 1] = false;
            Pairs pairs = new Pairs(first, second, same, fold);
            VerificationReport r = new VerificationEvaluator(VerificationConfig.defaults()).evaluate(
                    EvaluationInput.of(batch).withPairs(pairs).withOptions(
                            new Options(OptionalDouble.of(far), OptionalInt.empty(), Optional.empty())))
                    .details(VerificationReport.class).orElseThrow();

            double[] d = new double[n];
            for (int p = 0; p < n; p++) {
                d[p] = squaredDistance(batch.embeddings()[first[p]], batch.embeddings()[second[p]]);
            }
            boolean[] all = {true, true, true};
            long nSame = count(same, fold, all, true);
            long nDiff = count(same, fold, all, false);
            List<Double> candidates = candidates(d);

            // VAL at FAR: the smallest threshold reaching the highest VAL with FA ≤ ⌊far·nDiff⌋.
            long allowed = (long) Math.floor(far * nDiff + 1e-9);
            double bestVal = -1;
            double bestThreshold = Double.NaN;
            for (double t : candidates) {
                long fa = accepted(d, same, fold, all, false, t);
                double val = (double) accepted(d, same, fold, all, true, t) / nSame;
                if (fa <= allowed && val > bestVal) {
                    bestVal = val;
                    bestThreshold = t;
                }
            }
            assertThat(r.val()).isEqualTo(bestVal);
            assertThat(r.threshold()).isEqualTo(bestThreshold);
            assertThat(r.far()).isEqualTo((double) accepted(d, same, fold, all, false, bestThreshold) / nDiff);

            // AUC: Mann–Whitney over every (same, different) couple, ties ½.
            double wins = 0;
            for (int p = 0; p < n; p++) {
                for (int q = 0; q < n; q++) {
                    if (same[p] && !same[q]) {
                        wins += d[p] < d[q] ? 1 : d[p] == d[q] ? 0.5 : 0;
                    }
                }
            }
            assertThat(r.auc()).isCloseTo(wins / (nSame * nDiff), within(1e-12));
            assertThat(r.eer()).isCloseTo(eer(d, same, candidates, nSame, nDiff), within(1e-12));

            // k-fold: the smallest best-accuracy threshold on the other folds, accuracy on this one.
            for (int f = 0; f < 3; f++) {
                boolean[] train = {f != 0, f != 1, f != 2};
                boolean[] test = {f == 0, f == 1, f == 2};
                double chosen = Double.NEGATIVE_INFINITY;
                double bestAccuracy = accuracy(d, same, fold, train, chosen);
                for (double t : candidates) {
                    double a = accuracy(d, same, fold, train, t);
                    if (a > bestAccuracy) {
                        bestAccuracy = a;
                        chosen = t;
                    }
                }
                assertThat(r.foldThresholds()[f]).isEqualTo(chosen);
                assertThat(r.foldAccuracies()[f]).isCloseTo(accuracy(d, same, fold, test, chosen), within(1e-12));
            }
        });
    }

    /** The ROC walked one distinct distance at a time; where it crosses FAR = 1 − VAL. */
    private static double eer(double[] d, boolean[] same, List<Double> candidates, long nSame, long nDiff) {
        double x = 0;
        double y = 0;
        for (double t : candidates.subList(1, candidates.size())) {
            long s = 0;
            long o = 0;
            for (int p = 0; p < d.length; p++) {
                if (d[p] == t) {
                    if (same[p]) {
                        s++;
                    } else {
                        o++;
                    }
                }
            }
            double x1 = x + (double) o / nDiff;
            double y1 = y + (double) s / nSame;
            double g0 = x + y - 1;
            double g1 = x1 + y1 - 1;
            if (g0 <= 0 && g1 >= 0 && g1 > g0) {
                return x + (-g0 / (g1 - g0)) * (x1 - x);
            }
            x = x1;
            y = y1;
        }
        return x;
    }

    private static List<Double> candidates(double[] d) {
        TreeSet<Double> values = new TreeSet<>();
        for (double v : d) {
            values.add(v);
        }
        List<Double> list = new ArrayList<>();
        list.add(Double.NEGATIVE_INFINITY);
        list.addAll(values);
        return list;
    }

    private static double accuracy(double[] d, boolean[] same, int[] fold, boolean[] folds, double t) {
        long correct = accepted(d, same, fold, folds, true, t) + count(same, fold, folds, false)
                - accepted(d, same, fold, folds, false, t);
        return (double) correct / (count(same, fold, folds, true) + count(same, fold, folds, false));
    }

    private static long accepted(double[] d, boolean[] same, int[] fold, boolean[] folds, boolean kind, double t) {
        long c = 0;
        for (int p = 0; p < d.length; p++) {
            if (folds[fold[p]] && same[p] == kind && d[p] <= t) {
                c++;
            }
        }
        return c;
    }

    private static long count(boolean[] same, int[] fold, boolean[] folds, boolean kind) {
        long c = 0;
        for (int p = 0; p < same.length; p++) {
            if (folds[fold[p]] && same[p] == kind) {
                c++;
            }
        }
        return c;
    }

    private static double squaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (a[k] - b[k]) * (double) (a[k] - b[k]);
        }
        return s;
    }
}
