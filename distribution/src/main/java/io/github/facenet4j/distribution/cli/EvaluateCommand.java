package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.EvaluationInput;
import io.github.facenet4j.api.EvaluationInput.Metric;
import io.github.facenet4j.api.EvaluationInput.Options;
import io.github.facenet4j.api.EvaluationResult;
import io.github.facenet4j.api.Evaluator;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.distribution.report.VerificationHtmlReport;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.evaluators.ClustersCsv;
import io.github.facenet4j.evaluators.EmbeddingsCsv;
import io.github.facenet4j.evaluators.LabelledEmbeddings;
import io.github.facenet4j.evaluators.LfwPairs;
import io.github.facenet4j.evaluators.VerificationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code facenet evaluate}: judges embeddings read from CSV with the {@code verification},
 * {@code identification} and {@code clustering-quality} evaluator plugins, printing a table
 * or JSON; verification can also write a self-contained HTML report.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate embeddings: verification (VAL@FAR, ROC, 10-fold accuracy), identification"
                + " (rank-1/5, DIR@FAR), clustering (pairwise/BCubed F1, NMI).",
        subcommands = {EvaluateCommand.Verification.class, EvaluateCommand.Identification.class,
                EvaluateCommand.Clustering.class})
public final class EvaluateCommand extends ParentCommand {

    /** What every evaluate subcommand shares: the runtime, JSON output, printing. */
    abstract static class Base extends PluginCommand {

        /** Looks the evaluator up by name in the runtime and evaluates {@code input}. */
        EvaluationResult evaluate(String evaluator, EvaluationInput input) {
            try (PluginRuntime runtime = runtimeOptions.start()) {
                return runtime.get(Evaluator.class, evaluator).evaluate(input);
            }
        }

        void print(EvaluationResult result) {
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.writePretty(result.metrics())); // NaN (undefined) figures become null
            } else {
                Table table = new Table("METRIC", "VALUE");
                result.metrics().forEach((key, value) -> table.row(key, text(value)));
                out.print(table.render());
                result.details(Object.class).ifPresent(out::println);
            }
            out.flush();
        }

        private static String text(Object value) {
            if (value instanceof Double d) {
                return String.format(Locale.ROOT, "%.6g", d);
            }
            if (value instanceof List<?> list) {
                return String.join(" ", list.stream().map(Base::text).toList());
            }
            return String.valueOf(value);
        }
    }

    /** Per-call options as the api's typed {@link Options}; unset ones keep the plugin's config. */
    static Options options(Double far, Integer folds, Metric metric) {
        return new Options(far == null ? OptionalDouble.empty() : OptionalDouble.of(far),
                folds == null ? OptionalInt.empty() : OptionalInt.of(folds), Optional.ofNullable(metric));
    }

    @Command(name = "verification", mixinStandardHelpOptions = true,
            description = "VAL at a target FAR with its threshold, ROC, AUC, EER and k-fold accuracy (FaceNet §4)"
                    + " over all pairs of the embeddings or over LFW pairs.")
    static final class Verification extends Base {

        @Option(names = "--embeddings", required = true, paramLabel = "E.csv",
                description = "Embeddings CSV: id,label,e0,…,e{d-1}.")
        Path embeddings;

        @Option(names = "--pairs", paramLabel = "pairs.txt",
                description = "LFW pairs (10-fold 'F N' layout or a simple list); default: all pairs.")
        Path pairs;

        @Option(names = "--far", paramLabel = "RATE", description = "Target false-accept rate (default 1e-3).")
        Double far;

        @Option(names = "--folds", paramLabel = "K",
                description = "Folds of the cross-validated accuracy (default 10; LFW pairs keep their own).")
        Integer folds;

        @Option(names = "--metric", paramLabel = "l2sq|cosine", description = "Distance (default l2sq).",
                converter = MetricConverter.class)
        Metric metric;

        @Option(names = "--report", paramLabel = "out.html",
                description = "Also write a self-contained HTML report: ROC, VAL@FAR table, distance histograms.")
        Path report;

        @Override
        public Integer call() {
            LabelledEmbeddings set = EmbeddingsCsv.read(embeddings);
            EvaluationInput input = EvaluationInput.of(set.batch()).withOptions(options(far, folds, metric));
            if (pairs != null) {
                input = input.withPairs(LfwPairs.read(pairs, set));
            }
            EvaluationResult result = evaluate("verification", input);
            print(result);
            if (report != null) {
                VerificationReport details = result.details(VerificationReport.class).orElseThrow(() ->
                        new IllegalStateException("The verification plugin returned no VerificationReport"));
                String source = embeddings.getFileName() + (pairs == null ? " (all pairs)" : ", " + pairs.getFileName());
                VerificationHtmlReport.write(details, source, report);
                spec.commandLine().getErr().println("facenet: wrote " + report);
                spec.commandLine().getErr().flush();
            }
            return 0;
        }
    }

    @Command(name = "identification", mixinStandardHelpOptions = true,
            description = "Rank-1 and rank-5 accuracy (CMC) of probes against a gallery, and DIR at a FAR for"
                    + " probes whose identity is not enrolled.")
    static final class Identification extends Base {

        @Option(names = "--gallery", required = true, paramLabel = "G.csv", description = "Enrolled embeddings CSV.")
        Path gallery;

        @Option(names = "--probes", required = true, paramLabel = "P.csv",
                description = "Probe embeddings CSV; labels are matched to the gallery's by name.")
        Path probes;

        @Override
        public Integer call() {
            LabelledEmbeddings enrolled = EmbeddingsCsv.read(gallery);
            LabelledEmbeddings searched = EmbeddingsCsv.read(probes, enrolled);
            print(evaluate("identification", EvaluationInput.of(enrolled.batch()).withProbes(searched.batch())));
            return 0;
        }
    }

    @Command(name = "clustering", mixinStandardHelpOptions = true,
            description = "Pairwise and BCubed precision/recall/F1, NMI and cluster count of a predicted"
                    + " clustering against the embeddings' labels.")
    static final class Clustering extends Base {

        @Option(names = "--embeddings", required = true, paramLabel = "E.csv",
                description = "Embeddings CSV whose labels are the true identities.")
        Path embeddings;

        @Option(names = "--clusters", required = true, paramLabel = "C.csv", description = "Clusters CSV: id,cluster.")
        Path clusters;

        @Override
        public Integer call() {
            LabelledEmbeddings set = EmbeddingsCsv.read(embeddings);
            int[] predicted = ClustersCsv.read(clusters, set);
            print(evaluate("clustering-quality", EvaluationInput.of(set.batch()).withClusters(predicted)));
            return 0;
        }
    }

    /** {@code l2sq} or {@code cosine}, as the plugins' configuration spells them. */
    static final class MetricConverter implements picocli.CommandLine.ITypeConverter<Metric> {
        @Override
        public Metric convert(String value) {
            for (Metric m : Metric.values()) {
                if (m.label().equalsIgnoreCase(value.trim())) {
                    return m;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("expected l2sq or cosine, got '" + value + "'");
        }
    }

}
