package io.github.facenet4j.distribution.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-settings.json: written in the CLI's JSON layout, read back equal, and a damaged one is one line. */
class TrainSettingsFileTest {

    private static final TrainedModels.Settings SETTINGS = new TrainedModels.Settings("small-cnn", 1, 28, 28, 64,
            "adagrad", 0.05, "djl", "fashion-mnist:/data/fm", "semi-hard", 7, true, "");

    @TempDir
    Path dir;

    private Path settingsFile(String text) throws IOException {
        return Files.writeString(dir.resolve(TrainedModels.SETTINGS_FILE), text);
    }

    @Test
    void writesEachSettingUnderItsNameAndReadsTheSameSettingsBack() throws IOException {
        TrainedModels.writeSettings(dir, SETTINGS);
        assertThat(Files.readString(dir.resolve(TrainedModels.SETTINGS_FILE))).isEqualTo("""
                {
                  "architecture": "small-cnn",
                  "channels": 1,
                  "height": 28,
                  "width": 28,
                  "dimension": 64,
                  "optimizer": "adagrad",
                  "learningRate": 0.05,
                  "backend": "djl",
                  "dataset": "fashion-mnist:/data/fm",
                  "miner": "semi-hard",
                  "seed": 7,
                  "zeroShot": true,
                  "harmonicWith": ""
                }""");
        assertThat(TrainedModels.readSettings(dir)).isEqualTo(SETTINGS);
    }

    @Test
    void theCardsVersionNamesTheStepsAndTheRunSoThatTwoRunsAreTwoSpaces() {
        String version = TrainedModels.version(SETTINGS, 900);
        assertThat(version).matches("0\\.1\\.0\\+step900\\.[0-9a-f]{8}");
        assertThat(TrainedModels.version(SETTINGS, 900)).as("the same run, the same name").isEqualTo(version);
        TrainedModels.Settings otherSeed = new TrainedModels.Settings("small-cnn", 1, 28, 28, 64, "adagrad", 0.05, "djl",
                "fashion-mnist:/data/fm", "semi-hard", 8, true, "");
        TrainedModels.Settings harmonic = new TrainedModels.Settings("small-cnn", 1, 28, 28, 64, "adagrad", 0.05, "djl",
                "fashion-mnist:/data/fm", "semi-hard", 7, true, "trained-small-cnn-64@0.1.0+step900.00000000");
        assertThat(List.of(version, TrainedModels.version(otherSeed, 900), TrainedModels.version(harmonic, 900),
                TrainedModels.version(SETTINGS, 901))).doesNotHaveDuplicates();
        assertThat(SETTINGS.difference(harmonic)).hasValue(
                "no --harmonic-with, this run asks for --harmonic-with trained-small-cnn-64@0.1.0+step900.00000000");
    }

    @Test
    void damagedSettingsAreOneLineNamingTheFileAndWhatIsWrong() throws IOException {
        String written = "{\"architecture\": \"small-cnn\", \"channels\": 1, \"height\": 28, \"width\": 28,"
                + " \"dimension\": 64, \"optimizer\": \"adam\", \"learningRate\": 0.001, \"backend\": \"djl\","
                + " \"dataset\": \"fashion-mnist\", \"miner\": \"semi-hard\", \"seed\": 0, \"zeroShot\": false}";
        Path file = settingsFile(written);
        assertThat(TrainedModels.readSettings(dir).optimizer()).isEqualTo("adam");
        String[][] cases = {
                {written.substring(0, 40), "unexpected end of JSON at offset 40"},
                {"[]", "expected a JSON object"},
                {written.replace("\"channels\": 1, ", ""), "'channels' must be a whole number, got null"},
                {written.replace("\"dimension\": 64", "\"dimension\": 0"), "'dimension' must be a whole number ≥ 1, got 0"},
                {written.replace("\"seed\": 0", "\"seed\": \"zero\""), "'seed' must be a whole number, got zero"},
                {written.replace("false}", "\"no\"}"), "'zeroShot' must be true or false, got no"},
                {written.replace("\"adam\"", "\"rmsprop\""), "'optimizer' must be one of [adagrad, adam, sgd], got rmsprop"},
                {written.replace("0.001", "-1"), "Learning rate must be a finite number > 0, got -1.0"},
        };
        for (String[] c : cases) {
            settingsFile(c[0]);
            assertThatThrownBy(() -> TrainedModels.readSettings(dir)).as(c[0]).isInstanceOf(BadInputException.class)
                    .hasMessage(file + " is damaged (" + c[1] + "); facenet train writes it: train again into a fresh"
                            + " --out directory");
        }
    }

    @Test
    void exportOfADirectoryWithDamagedSettingsIsOneLineAndExitTwo() throws IOException {
        Path file = settingsFile("{\"architecture\": ");
        Files.write(dir.resolve("checkpoint.zip"), new byte[0]);
        CliTest.Run run = CliTest.run("export", "--runtime", "plain", "--model", dir.toString(), "--out",
                dir.resolveSibling(dir.getFileName() + "-export").resolve("m.onnx").toString());
        assertThat(run.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("facenet: " + file + " is damaged (unexpected end of JSON at offset 17);"
                + " facenet train writes it: train again into a fresh --out directory" + System.lineSeparator());
    }
}
