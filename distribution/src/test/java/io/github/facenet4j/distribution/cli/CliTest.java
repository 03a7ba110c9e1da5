package io.github.facenet4j.distribution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI contract on the plain runtime: one-line errors, non-zero exits, parseable JSON. */
class CliTest {

    @TempDir
    Path conf;

    record Run(int exitCode, String out, String err) {
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
}
