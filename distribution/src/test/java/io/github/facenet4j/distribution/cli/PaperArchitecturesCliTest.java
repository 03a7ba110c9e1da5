package io.github.facenet4j.distribution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FaceNet paper's architectures on the command line (issue 14): {@code facenet models nn2}
 * laid out like the paper's Table 2, {@code train --arch small-inception} for a few steps on
 * a small Fashion-MNIST-shaped data set, and the bad names and shapes in one line.
 */
class PaperArchitecturesCliTest {

    /** TrainCommandTest's small data set: 10 classes, 40 training and 10 test images each. */
    @TempDir
    static Path data;

    @BeforeAll
    static void writeIdxFiles() throws IOException {
        for (String part : new String[] {"train", "t10k"}) {
            TrainCommandTest.writePart(data, part, part.equals("train") ? 40 : 10, part.length());
        }
    }

    @Test
    void nn2IsPrintedRowByRowLikeTable2() {
        CliTest.Run run = CliTest.run("models", "nn2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // Table 2's inception (3a) row: 28×28×256, 64, 96, 128, 16, 32, m 32p, 164K, 128M.
        assertThat(run.out()).containsPattern(
                "inception \\(3a\\) +28×28×256 +2 +64 +96 +128 +16 +32 +m 3×3, 32p +164K +128M");
        assertThat(run.out()).containsPattern("inception \\(3c\\) +14×14×640 +2 +128 +256,2 +32 +64,2 +m 3×3, 2 ");
        assertThat(run.out()).containsPattern("total( +)7\\.5M +1\\.6B");
        assertThat(run.out()).contains("#3×3 REDUCE", "POOL PROJ (P)", "Paper: 7.5M parameters, 1.6B FLOPS.");
    }

    @Test
    void nn1HasItsMaxoutRowsAndJsonHasOneObjectPerRow() {
        CliTest.Run run = CliTest.run("models", "nn1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("fc1 \\(maxout p=2\\) +1×1×4096 +1 .* 103M +103M");
        CliTest.Run json = CliTest.run("models", "nns2", "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        List<?> rows = (List<?>) Json.parse(json.out());
        assertThat(rows).isNotEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) rows.get(rows.size() - 1);
        assertThat(last).containsEntry("type", "L2 normalization").containsEntry("output", "128×1×1");
    }

    @Test
    void smallInceptionTrainsAFewStepsOnFashionMnist(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        CliTest.Run run = CliTest.run("train", "--runtime", "plain", "--dataset", "fashion-mnist:" + data, "--arch",
                "small-inception", "--p", "5", "--k", "4", "--seed", "3", "--steps", "4", "--validate-every", "0",
                "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Completed 4 steps").contains("precision@1");
        assertThat(Files.readString(out.resolve("model-card.json"))).contains("small-inception");
    }

    @Test
    void anUnknownModelAndAPaperNetOnFashionMnistAreOneLineAndExitTwo(@TempDir Path dir) {
        CliTest.Run unknown = CliTest.run("models", "nn5");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("facenet: No model 'nn5'. Available: tiny-face-detector, ssd-mobilenet-v1,"
                + " face-landmark-68, dlib-resnet-v1, nn1, nn2, nn3, nn4, nns1, nns2." + System.lineSeparator());
        CliTest.Run train = CliTest.run("train", "--runtime", "plain", "--dataset", "fashion-mnist:" + data, "--arch",
                "nn2", "--steps", "1", "--out", dir.resolve("never").toString());
        assertThat(train.exitCode()).isEqualTo(2);
        assertThat(train.err()).startsWith("facenet: ").contains("has images of 1×28×28 but nn2 takes 3×224×224")
                .hasLineCount(1);
        assertThat(dir.resolve("never")).doesNotExist();
    }
}
