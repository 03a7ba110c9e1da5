package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.adapters.AdapterDirectory;
import io.github.facenet4j.adapters.SpacePath;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.EvaluationInput;
import io.github.facenet4j.api.EvaluationInput.Metric;
import io.github.facenet4j.api.EvaluationInput.Options;
import io.github.facenet4j.api.EvaluationResult;
import io.github.facenet4j.api.Evaluator;
import io.github.facenet4j.api.PluginRegistry;
import io.github.facenet4j.api.SpaceMap;
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
     * @param against    a second embeddings CSV, perhaps of another model: verification over the cross pairs
     * @param adapter    an adapter directory mapping the embeddings' space into {@code against}'s
     */
    record InputFiles(Path embeddings, Optional<Path> pairs, Optional<Path> probes, Optional<Path> clusters,
                      Optional<Path> against, Optional<Path> adapter) {

        InputFiles {
            Objects.requireNonNull(embeddings, "embeddings");
            Objects.requireNonNull(pairs, "pairs");
            Objects.requireNonNull(probes, "probes");
            Objects.requireNonNull(clusters, "clusters");
            Objects.requireNonNull(against, "against");
            Objects.requireNonNull(adapter, "adapter");
            if (adapter.isPresent() && against.isEmpty()) {
                throw new BadInputException("--adapter " + adapter.get() + " maps the embeddings into the space of"
                        + " --against B.csv; give --against too");
            }
            if (against.isPresent() && pairs.isPresent()) {
                throw new BadInputException("--pairs and --against both choose the pairs; give one of them");
            }
        }

        /** From picocli's fields, where an option not given is {@code null}. */
        static InputFiles of(Path embeddings, Path pairs, Path probes, Path clusters) {
            return new InputFiles(embeddings, Optional.ofNullable(pairs), Optional.ofNullable(probes),
                    Optional.ofNullable(clusters), Optional.empty(), Optional.empty());
        }

        /** These files and the cross-pair ones, {@code null} when not given. */
        InputFiles across(Path againstFile, Path adapterDirectory) {
            return new InputFiles(embeddings, pairs, probes, clusters, Optional.ofNullable(againstFile),
                    Optional.ofNullable(adapterDirectory));
        }

        /**
         * Reads the files, in the order of the components, into an input with {@code options};
         * an adapter directory's plugin is looked up in {@code plugins}.
         */
        EvaluationInput read(Options options, PluginRegistry plugins) {
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
            if (against.isPresent()) {
                input = crossPairs(set, input, plugins);
            }
            return input;
        }

        /**
         * The embeddings carried into {@code against}'s space (the same space, a declared
         * compatibility or the adapter: {@link SpacePath}), to be paired with its rows.
         */
        private EvaluationInput crossPairs(LabelledEmbeddings set, EvaluationInput input, PluginRegistry plugins) {
            LabelledEmbeddings other = EmbeddingsCsv.read(against.get(), set);
            String purpose = "comparing it with another set (--against)";
            Optional<SpaceMap> map = adapter.map(directory -> AdapterDirectory.read(directory, plugins));
            SpacePath path = SpacePath.between(
                    new SpacePath.Side(embeddings.getFileName().toString(), set.requireSpace(purpose)),
                    new SpacePath.Side(against.get().getFileName().toString(), other.requireSpace(purpose)), map,
                    adapter.map(Path::toString).orElse(""));
            EmbeddingBatch carried = new EmbeddingBatch(path.carry(set.batch().embeddings()), set.batch().labels());
            return new EvaluationInput(carried, input.pairs(), input.probes(), input.clusters(),
                    Optional.of(other.batch()), input.options());
        }

        /** The files' names, comma-separated: what a report says it evaluated. */
        String names() {
            return Stream.of(Optional.of(embeddings), pairs, probes, clusters, against, adapter)
                    .flatMap(Optional::stream).map(file -> file.getFileName().toString())
                    .collect(Collectors.joining(", "));
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
            result = evaluator.evaluate(files.read(options, runtime));
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
            String source = files.names() + (files.pairs().isPresent() ? "" : files.against().isPresent()
                    ? " (cross pairs)" : " (all pairs)");
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
