package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.EvaluationInput.Options;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code facenet evaluate NAME}: judges embeddings read from CSV with any evaluator plugin the
 * runtime has under {@code NAME} (the built-in ones or one dropped into {@code bundles/}),
 * printing its figures as a table or JSON, or writing them as an HTML report.
 *
 * <p>The subcommands {@code verification}, {@code identification} and {@code clustering} are
 * the built-in evaluators' own spellings, with only the options each one reads
 * ({@code identification} calls its embeddings {@code --gallery}, {@code clustering} runs
 * {@code clustering-quality}); a first argument that names none of them is an evaluator NAME.
 * Both ways run through {@link EvaluationCommand}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate embeddings with any installed evaluator plugin by NAME ('facenet plugins' lists"
                + " them), e.g. 'facenet evaluate clustering-quality --embeddings E.csv --clusters C.csv': its"
                + " figures as a table, JSON or an HTML page.",
                "The built-in evaluators also have subcommands: verification (VAL@FAR, ROC, 10-fold accuracy),"
                        + " identification (rank-1/5, DIR@FAR), clustering (pairwise/BCubed F1, NMI)."},
        subcommands = {EvaluateCommand.Verification.class, EvaluateCommand.Identification.class,
                EvaluateCommand.Clustering.class})
public final class EvaluateCommand extends EvaluationCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
            description = "Evaluator to run: any installed one, e.g. clustering-quality, or one of your own.")
    String name;

    @Option(names = "--embeddings", paramLabel = "E.csv",
            description = "Embeddings CSV: id,label,e0,…,e{d-1} (the gallery for identification). Required with NAME.")
    Path embeddings;

    @Option(names = "--pairs", paramLabel = "pairs.txt",
            description = "LFW pairs over the embeddings (10-fold 'F N' layout or a simple list).")
    Path pairs;

    @Option(names = "--probes", paramLabel = "Q.csv",
            description = "Probe embeddings CSV; labels are matched to the embeddings' by name.")
    Path probes;

    @Option(names = "--clusters", paramLabel = "C.csv",
            description = "Clusters CSV: id,cluster, a predicted cluster per embedding.")
    Path clusters;

    @Mixin
    Choices choices;

    @Option(names = "--report", paramLabel = "out.html",
            description = "Also write a self-contained HTML report (verification's: ROC, VAL@FAR table, histograms).")
    Path report;

    @Override
    public Integer call() {
        if (name == null) {
            return ParentCommand.missing(spec, "an evaluator NAME (any installed one, see 'facenet plugins') or a"
                    + " subcommand");
        }
        if (embeddings == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--embeddings=E.csv'");
        }
        return evaluate(name, InputFiles.of(embeddings, pairs, probes, clusters), choices.options(),
                Optional.ofNullable(report));
    }

    @Command(name = "verification", mixinStandardHelpOptions = true,
            description = "VAL at a target FAR with its threshold, ROC, AUC, EER and k-fold accuracy (FaceNet §4)"
                    + " over all pairs of the embeddings, over LFW pairs, or over the cross pairs of two sets"
                    + " (--against, perhaps of another model: through a declared compatibility or --adapter).")
    static final class Verification extends EvaluationCommand {

        @Option(names = "--embeddings", required = true, paramLabel = "E.csv",
                description = "Embeddings CSV: id,label,e0,…,e{d-1}.")
        Path embeddings;

        @Option(names = "--pairs", paramLabel = "pairs.txt",
                description = "LFW pairs (10-fold 'F N' layout or a simple list); default: all pairs.")
        Path pairs;

        @Option(names = "--against", paramLabel = "B.csv",
                description = "Pair every embedding with every row of B.csv instead (same label = genuine); both files"
                        + " must name their space (facenet embed writes it), the same one, one declared compatible"
                        + " with the other, or one --adapter maps E.csv's into.")
        Path against;

        @Option(names = "--adapter", paramLabel = "DIR",
                description = "Adapter directory ('facenet adapt --out') mapping E.csv's space into B.csv's.")
        Path adapter;

        @Mixin
        Choices choices;

        @Option(names = "--report", paramLabel = "out.html",
                description = "Also write a self-contained HTML report: ROC, VAL@FAR table, distance histograms.")
        Path report;

        @Override
        public Integer call() {
            return evaluate("verification", InputFiles.of(embeddings, pairs, null, null).across(against, adapter),
                    choices.options(), Optional.ofNullable(report));
        }
    }

    @Command(name = "identification", mixinStandardHelpOptions = true,
            description = "Rank-1 and rank-5 accuracy (CMC) of probes against a gallery, and DIR at a FAR for"
                    + " probes whose identity is not enrolled.")
    static final class Identification extends EvaluationCommand {

        @Option(names = {"--gallery", "--embeddings"}, required = true, paramLabel = "G.csv",
                description = "Enrolled embeddings CSV.")
        Path gallery;

        @Option(names = "--probes", required = true, paramLabel = "P.csv",
                description = "Probe embeddings CSV; labels are matched to the gallery's by name.")
        Path probes;

        @Override
        public Integer call() {
            return evaluate("identification", InputFiles.of(gallery, null, probes, null), Options.NONE,
                    Optional.empty());
        }
    }

    @Command(name = "clustering", mixinStandardHelpOptions = true,
            description = "Pairwise and BCubed precision/recall/F1, NMI and cluster count of a predicted"
                    + " clustering against the embeddings' labels (evaluator clustering-quality).")
    static final class Clustering extends EvaluationCommand {

        @Option(names = "--embeddings", required = true, paramLabel = "E.csv",
                description = "Embeddings CSV whose labels are the true identities.")
        Path embeddings;

        @Option(names = "--clusters", required = true, paramLabel = "C.csv", description = "Clusters CSV: id,cluster.")
        Path clusters;

        @Override
        public Integer call() {
            return evaluate("clustering-quality", InputFiles.of(embeddings, null, null, clusters), Options.NONE,
                    Optional.empty());
        }
    }
}
