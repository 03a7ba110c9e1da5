package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.EvaluationInput;
import io.github.facenet4j.api.EvaluationInput.Metric;
import io.github.facenet4j.api.EvaluationInput.Options;
import io.github.facenet4j.api.EvaluationResult;
import io.github.facenet4j.api.Evaluator;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.distribution.report.EvaluationHtmlReport;
import io.github.facenet4j.distribution.report.Figures;
import io.github.facenet4j.distribution.report.VerificationHtmlReport;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.evaluators.ClustersCsv;
import io.github.facenet4j.evaluators.EmbeddingsCsv;
import io.github.facenet4j.evaluators.LabelledEmbeddings;
import io.github.facenet4j.evaluators.LfwPairs;
import io.github.facenet4j.evaluators.VerificationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * What every form of {@code facenet evaluate} does, whatever the evaluator: read the input
 * files, look the evaluator up by name in the runtime, print its figures as a table or JSON
 * and, if asked, write an HTML report (the ROC report when the details are a
 * {@link VerificationReport}, a page of the figures otherwise).
 */
abstract class EvaluationCommand extends PluginCommand {

    /**
     * The files an evaluation reads.
     *
     * @param embeddings labelled embeddings CSV: the evaluation set, or the gallery
     * @param pairs      LFW pairs over the embeddings
     * @param probes     probe embeddings CSV, labels matched to the embeddings' by name
     * @param clusters   clusters CSV, a predicted cluster per embedding id
     */
    record InputFiles(Path embeddings, Optional<Path> pairs, Optional<Path> probes, Optional<Path> clusters) {

        InputFiles {
            Objects.requireNonNull(embeddings, "embeddings");
            Objects.requireNonNull(pairs, "pairs");
            Objects.requireNonNull(probes, "probes");
            Objects.requireNonNull(clusters, "clusters");
        }

        /** From picocli's fields, where an option not given is {@code null}. */
        static InputFiles of(Path embeddings, Path pairs, Path probes, Path clusters) {
            return new InputFiles(embeddings, Optional.ofNullable(pairs), Optional.ofNullable(probes),
                    Optional.ofNullable(clusters));
        }

        /** Reads the files, in the order of the components, into an input with {@code options}. */
        EvaluationInput read(Options options) {
            LabelledEmbeddings set = EmbeddingsCsv.read(embeddings);
            EvaluationInput input = EvaluationInput.of(set.batch()).withOptions(options);
            if (pairs.isPresent()) {
                input = input.withPairs(LfwPairs.read(pairs.get(), set));
            }
            if (probes.isPresent()) {
                input = input.withProbes(EmbeddingsCsv.read(probes.get(), set).batch());
            }
            if (clusters.isPresent()) {
                input = input.withClusters(ClustersCsv.read(clusters.get(), set));
            }
            return input;
        }

        /** The files' names, comma-separated: what a report says it evaluated. */
        String names() {
            return Stream.of(Optional.of(embeddings), pairs, probes, clusters).flatMap(Optional::stream)
                    .map(file -> file.getFileName().toString()).collect(Collectors.joining(", "));
        }
    }

    /** {@code --far}, {@code --folds}, {@code --metric}: per-call choices over the evaluator's configuration. */
    static final class Choices {

        @Option(names = "--far", paramLabel = "RATE",
                description = "Target false-accept rate (default: the evaluator's; verification 1e-3).")
        Double far;

        @Option(names = "--folds", paramLabel = "K", description = "Folds of a cross-validated figure"
                + " (default: the evaluator's; verification 10, LFW pairs keep their own).")
        Integer folds;

        @Option(names = "--metric", paramLabel = "l2sq|cosine", converter = MetricConverter.class,
                description = "Distance (default: the evaluator's; l2sq for the built-in ones).")
        Metric metric;

        /** The choices as the api's typed {@link Options}; unset ones keep the plugin's configuration. */
        Options options() {
            return new Options(far == null ? OptionalDouble.empty() : OptionalDouble.of(far),
                    folds == null ? OptionalInt.empty() : OptionalInt.of(folds), Optional.ofNullable(metric));
        }
    }

    /**
     * Runs the evaluator {@code name} on {@code files}: looked up first, so a misspelt name is
     * refused (listing the installed evaluators) before any file is read. Prints the figures
     * and writes {@code report} unless it is empty.
     */
    int evaluate(String name, InputFiles files, Options options, Optional<Path> report) {
        EvaluationResult result;
        try (PluginRuntime runtime = runtimeOptions.start()) {
            Evaluator evaluator = runtime.get(Evaluator.class, name);
            result = evaluator.evaluate(files.read(options));
        }
        print(result);
        report.ifPresent(file -> writeReport(result, files, file));
        return 0;
    }

    private void print(EvaluationResult result) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.writePretty(result.metrics())); // NaN (undefined) figures become null
        } else {
            Table table = new Table("METRIC", "VALUE");
            result.metrics().forEach((key, value) -> table.row(key, Figures.text(value)));
            out.print(table.render());
            result.details(Object.class).ifPresent(out::println);
        }
        out.flush();
    }

    private void writeReport(EvaluationResult result, InputFiles files, Path file) {
        Optional<VerificationReport> verification = result.details(VerificationReport.class);
        if (verification.isPresent()) {
            String source = files.names() + (files.pairs().isEmpty() ? " (all pairs)" : "");
            VerificationHtmlReport.write(verification.get(), source, file);
        } else {
            EvaluationHtmlReport.write(result, files.names(), file);
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("facenet: wrote " + file);
        err.flush();
    }

    /** {@code l2sq} or {@code cosine}, as the plugins' configuration spells them. */
    static final class MetricConverter implements ITypeConverter<Metric> {
        @Override
        public Metric convert(String value) {
            for (Metric m : Metric.values()) {
                if (m.label().equalsIgnoreCase(value.trim())) {
                    return m;
                }
            }
            throw new TypeConversionException("expected l2sq or cosine, got '" + value + "'");
        }
    }
}
