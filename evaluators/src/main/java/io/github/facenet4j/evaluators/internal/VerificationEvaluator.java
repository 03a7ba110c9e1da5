package io.github.facenet4j.evaluators.internal;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.EvaluationInput;
import io.github.facenet4j.api.EvaluationResult;
import io.github.facenet4j.api.Evaluator;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.evaluators.VerificationReport;
import io.github.facenet4j.evaluators.VerificationReport.OperatingPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Face verification as FaceNet §4 evaluates it: over same pairs P_same and different pairs
 * P_diff, a pair is accepted at threshold d when its distance is ≤ d, and
 * VAL(d) = |TA(d)| / |P_same|, FAR(d) = |FA(d)| / |P_diff|.
 *
 * <p>Pairs are the input's explicit pairs, or else all pairs of the labelled embeddings
 * (the paper's hold-out protocol), or, given a second set {@link EvaluationInput#against()},
 * every cross pair (i from the embeddings, j from that set; same label = genuine), streamed
 * without a pair list (see {@link PairCollector}).
 * Everything is exact, from one sort of the same-pair distances and a count of the
 * different pairs between them (see {@link PairCounts}); the ROC, AUC and EER treat pairs
 * at equal distance as one step (ties count ½ in the AUC).
 *
 * <p>The k-fold accuracy follows the LFW protocol: for each fold, the threshold of highest
 * accuracy on the other folds (the smallest such), then the accuracy on this fold at it;
 * the mean and population standard deviation over folds.
 */
@Component(service = Evaluator.class, configurationPid = "facenet.evaluator." + VerificationEvaluator.NAME,
        property = Plugin.NAME_PROPERTY + "=" + VerificationEvaluator.NAME)
public final class VerificationEvaluator implements Evaluator {

    public static final String NAME = "verification";

    /** FARs of the VAL@FAR table, besides the target. */
    static final double[] STANDARD_FARS = {1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1};

    private final VerificationConfig config;

    public VerificationEvaluator(VerificationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Activate
    public VerificationEvaluator(Map<String, Object> properties) {
        this(VerificationConfig.from(properties));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EvaluationResult evaluate(EvaluationInput input) {
        VerificationConfig c = config.with(input.options());
        if (input.pairs().isPresent() && input.against().isPresent()) {
            throw new BadInputException("Verification pairs are either the explicit pairs or the cross pairs of two"
                    + " sets, not both; leave out the pairs or the second set.");
        }
        PairCounts counts;
        if (input.pairs().isPresent()) {
            counts = PairCollector.explicit(input.embeddings(), input.pairs().get(), c.metric(), c.folds());
        } else if (input.against().isPresent()) {
            counts = PairCollector.crossPairs(input.embeddings(), input.against().get(), c.metric(), c.folds());
        } else {
            counts = PairCollector.allPairs(input.embeddings(), c.metric(), c.folds());
        }
        VerificationReport report = report(counts, c);
        return new EvaluationResult(NAME, report.metrics(), report);
    }

    static VerificationReport report(PairCounts counts, VerificationConfig c) {
        PairCounts.Tally all = counts.all();
        int target = all.indexAtFar(c.farTarget());
        List<OperatingPoint> table = new ArrayList<>();
        for (double far : STANDARD_FARS) {
            table.add(point(all, far));
        }
        if (table.stream().noneMatch(p -> p.farTarget() == c.farTarget())) {
            table.add(point(all, c.farTarget()));
            table.sort((a, b) -> Double.compare(a.farTarget(), b.farTarget()));
        }
        int folds = counts.folds();
        double[] thresholds = new double[folds];
        double[] accuracies = new double[folds];
        for (int f = 0; f < folds; f++) {
            boolean[] train = new boolean[folds];
            Arrays.fill(train, true);
            train[f] = false;
            boolean[] test = new boolean[folds];
            test[f] = true;
            int chosen = counts.tally(train).bestAccuracyIndex();
            PairCounts.Tally held = counts.tally(test);
            if (held.nSame + held.nDiff == 0) {
                throw new BadInputException("Fold " + f + " of " + folds
                        + " has no pairs; use fewer folds.");
            }
            thresholds[f] = all.threshold(chosen);
            accuracies[f] = held.accuracyAt(chosen);
        }
        double mean = Arrays.stream(accuracies).average().orElse(Double.NaN);
        double var = Arrays.stream(accuracies).map(a -> (a - mean) * (a - mean)).average().orElse(0);
        return new VerificationReport(c.metric(), c.farTarget(), all.threshold(target), all.valAt(target),
                all.farAt(target), all.auc(), all.eer(), mean, Math.sqrt(var), thresholds, accuracies, all.nSame,
                all.nDiff, table, roc(all), new VerificationReport.Histogram(counts.histograms().upper,
                counts.histograms().same, counts.histograms().diff));
    }

    private static OperatingPoint point(PairCounts.Tally all, double far) {
        int index = all.indexAtFar(far);
        return new OperatingPoint(far, all.threshold(index), all.valAt(index), all.farAt(index));
    }

    private static VerificationReport.Roc roc(PairCounts.Tally all) {
        int m = all.size();
        long[] ta = all.trueAccepts();
        long[] fa = all.falseAccepts();
        double[] t = new double[m];
        double[] far = new double[m];
        double[] val = new double[m];
        for (int i = 0; i < m; i++) {
            t[i] = all.values[i];
            far[i] = (double) fa[i] / all.nDiff;
            val[i] = (double) ta[i] / all.nSame;
        }
        return new VerificationReport.Roc(t, far, val);
    }
}
