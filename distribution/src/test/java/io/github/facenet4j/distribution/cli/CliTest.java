package io.github.facenet4j.distribution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The CLI contract on the plain runtime: one-line errors, non-zero exits, parseable JSON. */
class CliTest {

    @TempDir
    Path conf;

    record Run(int exitCode, String out, String err) {
    }

    /** {@code facenet embed --dataset DATASET} with {@code model} into {@code csv}, in the plain runtime; it must succeed. */
    static Path embedDataset(Path model, String dataset, Path csv) {
        Run run = run("embed", "--runtime", "plain", "--model", model.toString(), "--dataset", dataset, "--out",
                csv.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return csv;
    }

    static Run run(String... args) {
        CommandLine commandLine = FaceNetCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void pluginsListsTheLossAsJson() {
        Run run = run("plugins", "--runtime", "plain", "--json");
        assertThat(run.exitCode()).isZero();
        Map<String, Object> document = Json.parseObject(run.out());
        assertThat(document.get("runtime")).isEqualTo("plain");
        assertThat((List<?>) document.get("plugins")).anySatisfy(plugin -> assertThat(plugin).isEqualTo(Map.of(
                "kind", "loss", "name", "triplet", "bundle", "facenet4j-training", "version", "0.1.0.SNAPSHOT",
                "implementation", "io.github.facenet4j.training.internal.TripletLoss")));
    }

    @Test
    void unknownMinerIsOneLineAndExitTwo() {
        Run run = run("bench", "mining", "--runtime", "plain", "--miner", "nope", "--runs", "1", "--warmup", "0");
        assertThat(run.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(run.err().lines()).hasSize(1).first().asString().startsWith("facenet: No miner 'nope'. Available: ");
    }

    @Test
    void badOptionValueIsOneLineWithHelpHint() {
        Run run = run("plugins", "--runtime", "weird");
        assertThat(run.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(run.err().lines()).hasSize(1).first().asString()
                .contains("Invalid value for option '--runtime'").endsWith("(see 'facenet plugins --help')");
    }

    @Test
    void batchNotDivisibleByIdentitiesIsRefused() {
        Run run = run("bench", "mining", "--runtime", "plain", "--batch", "100", "--per-identity", "40");
        assertThat(run.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(run.err()).isEqualTo("facenet: --batch 100 must be a multiple of --per-identity 40."
                + System.lineSeparator());
    }

    @Test
    void configDirectoryMustExist() {
        Run run = run("plugins", "--runtime", "plain", "--config", conf.resolve("absent").toString());
        assertThat(run.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(run.err()).contains("is not a directory of PID.cfg files");
    }

    @Test
    void malformedConfigFileIsNamed() throws Exception {
        Files.writeString(conf.resolve("facenet.loss.triplet.cfg"), "margin = \\u12G4\n");
        Run run = run("plugins", "--runtime", "plain", "--config", conf.toString());
        assertThat(run.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(run.err()).startsWith("facenet: Cannot read configuration file ");
    }

    @Test
    void aMisspeltKeyInAConfigFileIsOneLineNamingItTheKnownKeysAndTheFile() throws Exception {
        Files.writeString(conf.resolve("facenet.miner.semi-hard.cfg"), "margn = 0.3\n");
        Run run = run("bench", "mining", "--runtime", "plain", "--config", conf.toString(), "--miner", "semi-hard",
                "--runs", "1", "--warmup", "0");
        assertThat(run.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(run.err()).isEqualTo("facenet: miner semi-hard: unknown key 'margn' (known: fallback, margin,"
                + " max-triplets, mode, selection); check conf/facenet.miner.semi-hard.cfg" + System.lineSeparator());
    }

    /** Every command and subcommand by its path under {@code facenet} ({@code []} is facenet itself). */
    static Stream<List<String>> commandPaths() {
        return paths(FaceNetCli.commandLine(), List.of());
    }

    private static Stream<List<String>> paths(CommandLine command, List<String> path) {
        return Stream.concat(Stream.of(path), command.getSubcommands().entrySet().stream().flatMap(sub -> {
            List<String> longer = new java.util.ArrayList<>(path);
            longer.add(sub.getKey());
            return paths(sub.getValue(), longer);
        }));
    }

    /**
     * picocli formats each description with String.format and, where that fails (a bare '%'),
     * prints a "[picocli WARN]" to System.err, not to the command's err, so that is captured too.
     */
    @ParameterizedTest
    @MethodSource("commandPaths")
    void helpOfEveryCommandIsCleanAndExitsZero(List<String> path) {
        List<String> args = new java.util.ArrayList<>(path);
        args.add("--help");
        PrintStream systemErr = System.err;
        ByteArrayOutputStream traced = new ByteArrayOutputStream();
        Run run;
        try {
            System.setErr(new PrintStream(traced, true, StandardCharsets.UTF_8));
            run = run(args.toArray(String[]::new));
        } finally {
            System.setErr(systemErr);
        }
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Usage: " + ("facenet " + String.join(" ", path)).trim());
        assertThat(run.err() + traced.toString(StandardCharsets.UTF_8)).doesNotContain("[picocli WARN]").isEmpty();
    }

    @Test
    void everyCommandIsReachedByTheHelpTest() {
        assertThat(commandPaths().map(p -> String.join(" ", p))).contains("", "train", "bench mining", "bench embed", "bench cluster", "bench detect", "cluster", "adapt",
                "evaluate verification", "evaluate identification", "evaluate clustering");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"       | 'facenet' needs a subcommand: demo, embed, verify, plugins, models, bench, evaluate, train,"
                    + " export, serve, cluster, enroll, identify, gallery, adapt (see 'facenet SUBCOMMAND --help')",
            "bench    | 'facenet bench' needs a subcommand: mining, embed, serve, cluster, search, detect, harmonic (see 'facenet bench"
                    + " SUBCOMMAND --help')",
            "evaluate | 'facenet evaluate' needs an evaluator NAME (any installed one, see 'facenet plugins') or a"
                    + " subcommand: verification, identification, clustering (see 'facenet evaluate SUBCOMMAND --help')"})
    void aParentCommandWithoutASubcommandPrintsItsUsageToStderrAndExitsTwo(String command, String hint) {
        Run run = run(command.isEmpty() ? new String[0] : new String[] {command});
        assertThat(run.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("Usage: " + ("facenet " + command).trim());
        assertThat(run.err().lines().reduce((a, b) -> b)).hasValue("facenet: " + hint);
    }

    /** Sizes that once ran out of memory or overflowed an array index: refused up front, with the limit. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bench mining --batch 2000000 | --batch must be in [2, 8192] (an n × n distance matrix, 256 MiB at 8192),"
                    + " got 2000000",
            "bench mining --batch 1 | --batch must be in [2, 8192] (an n × n distance matrix, 256 MiB at 8192), got 1",
            "bench mining --dim 100000 | --dim must be in [1, 4096] (beyond any face embedding), got 100000",
            "bench embed --batch 1,2000000 | --batch must be in [1, 256] (faces per network call; throughput stops"
                    + " rising long before), got 2000000",
            "verify a.jpg b.jpg --detector-size 32000 | --detector-size must be in [32, 2048] (the detector's memory"
                    + " and time grow with its square), got 32000",
            "embed a.jpg --detector-size 8192 | --detector-size must be in [32, 2048] (the detector's memory and time"
                    + " grow with its square), got 8192"})
    void sizesBeyondWhatFitsInMemoryAreOneLineWithTheLimit(String command, String message) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--runtime", "plain"));
        Run run = run(args.toArray(String[]::new));
        assertThat(run.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("facenet: " + message + System.lineSeparator());
    }
}
