package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.EvaluationInput;
import io.github.facenet4j.api.Evaluator;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.distribution.bench.CrossPairs;
import io.github.facenet4j.distribution.report.HarmonicHtmlReport;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.evaluators.EmbeddingsCsv;
import io.github.facenet4j.evaluators.LabelledEmbeddings;
import io.github.facenet4j.evaluators.VerificationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code facenet bench harmonic}: how comparable two model versions' embeddings are (FaceNet
 * §7, Fig. 10). Reads {@code facenet embed --dataset} CSVs of the same images by v1, v2 and
 * optionally a v2 trained without the harmonic loss, and scores v1↔v1, v2↔v1, v2↔v2 (and the
 * independent v2 against v1) with the {@code verification} evaluator plugin on the same pairs
 * of a seeded sample ({@link CrossPairs}): VAL at the target FAR and k-fold accuracy, whether
 * the paper's ordering v2↔v2 &gt; v2↔v1 &gt; v1↔v1 holds, and an HTML page with the ROC curves
 * on one plot.
 */
@Command(name = "harmonic", mixinStandardHelpOptions = true,
        description = "Compare model versions' embeddings of the same images (FaceNet §7): VAL@FAR and k-fold"
                + " accuracy of v1↔v1, v2↔v1, v2↔v2 on the same pairs, the ROC curves on one HTML plot.")
public final class HarmonicBenchCommand extends PluginCommand {

    /** All i &lt; j pairs of the sample are kept in memory (13 bytes each, plus a sort index): 8,000 images is 32 M pairs. */
    static final int MAX_IMAGES = 8_000;
    private static final OptionRange IMAGES = OptionRange.between("--images", 2, MAX_IMAGES,
            "every pair of the sample is kept in memory");

    @Option(names = "--v1", required = true, paramLabel = "V1.csv", description = "The old model's embeddings.")
    Path v1;

    @Option(names = "--v2", required = true, paramLabel = "V2.csv",
            description = "The new (harmonically trained) model's embeddings of the same images, in the same order.")
    Path v2;

    @Option(names = "--independent", paramLabel = "I.csv",
            description = "A new model trained without the harmonic loss, for contrast: its v2↔v1 is near chance.")
    Path independent;

    @Option(names = "--images", paramLabel = "N", defaultValue = "3000",
            description = "Seeded sample of N images whose every pair is scored (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Sample seed (default: ${DEFAULT-VALUE}).")
    long seed;

    /** --far, --folds, --metric as {@code facenet evaluate} takes them (verification's defaults: 1e-3, 10, l2sq). */
    @Mixin
    EvaluationCommand.Choices choices = new EvaluationCommand.Choices();

    @Option(names = "--report", paramLabel = "out.html", description = "Also write the HTML page (ROC curves on one plot).")
    Path report;

    @Override
    public Integer call() {
        IMAGES.check(images);
        EvaluationInput.Options options = choices.options();
        LabelledEmbeddings old = EmbeddingsCsv.read(v1);
        LabelledEmbeddings harmonic = EmbeddingsCsv.read(v2, old);
        LabelledEmbeddings plain = independent == null ? null : EmbeddingsCsv.read(independent, old);
        requireSameIds(old, harmonic);
        int[] sample = CrossPairs.sample(old.batch(), harmonic.batch(), images, seed);
        if (plain != null) {
            requireSameIds(old, plain);
            CrossPairs.sample(old.batch(), plain.batch(), images, seed);
        }
        List<HarmonicHtmlReport.Comparison> comparisons = new ArrayList<>();
        try (PluginRuntime runtime = runtimeOptions.start()) {
            Evaluator verification = runtime.get(Evaluator.class, "verification");
            comparisons.add(compare("v1↔v1", old, old, sample, verification, options));
            comparisons.add(compare("v2↔v1", harmonic, old, sample, verification, options));
            comparisons.add(compare("v2↔v2", harmonic, harmonic, sample, verification, options));
            if (plain != null) {
                comparisons.add(compare("v2-independent↔v1", plain, old, sample, verification, options));
                comparisons.add(compare("v2-independent↔v2-independent", plain, plain, sample, verification, options));
            }
        }
        String ordering = ordering(comparisons);
        if (report != null) {
            HarmonicHtmlReport.write(comparisons, "v1 " + v1 + ", v2 " + v2 + (independent == null ? ""
                    : ", independent v2 " + independent) + "; " + images + " images sampled with seed " + seed + ". "
                    + ordering, report);
        }
        print(comparisons, ordering);
        return 0;
    }

    private static void requireSameIds(LabelledEmbeddings a, LabelledEmbeddings b) {
        if (!a.ids().equals(b.ids())) {
            throw new io.github.facenet4j.api.BadInputException(b.source() + " does not hold the images of " + a.source()
                    + " in the same order (ids differ); embed one --dataset with each model");
        }
    }

    private static HarmonicHtmlReport.Comparison compare(String name, LabelledEmbeddings a, LabelledEmbeddings b,
                                                         int[] sample, Evaluator verification,
                                                         EvaluationInput.Options options) {
        CrossPairs cross = CrossPairs.of(a.batch(), b.batch(), sample);
        VerificationReport r = verification.evaluate(EvaluationInput.of(cross.batch()).withPairs(cross.pairs())
                .withOptions(options)).details(VerificationReport.class).orElseThrow();
        return new HarmonicHtmlReport.Comparison(name, r);
    }

    /** Whether v2↔v2 &gt; v2↔v1 &gt; v1↔v1 (FaceNet §7.1) holds in VAL and in accuracy, as one sentence. */
    static String ordering(List<HarmonicHtmlReport.Comparison> c) {
        VerificationReport v11 = c.get(0).report();
        VerificationReport v21 = c.get(1).report();
        VerificationReport v22 = c.get(2).report();
        boolean val = v22.val() > v21.val() && v21.val() > v11.val();
        boolean accuracy = v22.accuracyMean() > v21.accuracyMean() && v21.accuracyMean() > v11.accuracyMean();
        return String.format(Locale.ROOT, "The paper's ordering v2↔v2 > v2↔v1 > v1↔v1 %s in VAL (%.4f, %.4f, %.4f)"
                        + " and %s in accuracy (%.4f, %.4f, %.4f).", val ? "holds" : "does not hold", v22.val(),
                v21.val(), v11.val(), accuracy ? "holds" : "does not hold", v22.accuracyMean(), v21.accuracyMean(),
                v11.accuracyMean());
    }

    private void print(List<HarmonicHtmlReport.Comparison> comparisons, String ordering) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (HarmonicHtmlReport.Comparison c : comparisons) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("comparison", c.name());
                entry.put("val", c.report().val());
                entry.put("far", c.report().far());
                entry.put("threshold", c.report().threshold());
                entry.put("accuracy_mean", c.report().accuracyMean());
                entry.put("accuracy_std", c.report().accuracyStd());
                entry.put("auc", c.report().auc());
                list.add(entry);
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("images", images);
            document.put("seed", seed);
            document.put("far_target", comparisons.get(0).report().farTarget());
            document.put("folds", comparisons.get(0).report().foldAccuracies().length);
            document.put("metric", comparisons.get(0).report().metric().label());
            document.put("pairs_same", comparisons.get(0).report().pairsSame());
            document.put("pairs_diff", comparisons.get(0).report().pairsDiff());
            document.put("comparisons", list);
            document.put("ordering", ordering);
            document.put("report", report == null ? null : report.toString());
            out.println(Json.writePretty(document));
        } else {
            VerificationReport first = comparisons.get(0).report();
            out.printf(Locale.ROOT, "%,d images (seed %d): %,d same and %,d different pairs, %s distance%n", images, seed,
                    first.pairsSame(), first.pairsDiff(), first.metric().label());
            Table table = new Table("COMPARISON", String.format(Locale.ROOT, "VAL@FAR %.0e", first.farTarget()), "FAR",
                    "THRESHOLD", first.foldAccuracies().length + "-FOLD ACCURACY", "AUC");
            for (HarmonicHtmlReport.Comparison c : comparisons) {
                VerificationReport r = c.report();
                table.row(c.name(), String.format(Locale.ROOT, "%.4f", r.val()), String.format(Locale.ROOT, "%.2e", r.far()),
                        String.format(Locale.ROOT, "%.4f", r.threshold()),
                        String.format(Locale.ROOT, "%.4f ± %.4f", r.accuracyMean(), r.accuracyStd()),
                        String.format(Locale.ROOT, "%.4f", r.auc()));
            }
            out.print(table.render());
            out.println(ordering);
            if (report != null) {
                out.println("wrote " + report);
            }
        }
        out.flush();
    }
}
