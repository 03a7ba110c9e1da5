package io.github.facenet4j.distribution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.harmonic.ReferenceCache;
import io.github.facenet4j.models.ModelCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code facenet train --harmonic-with V1} and {@code facenet bench harmonic} (FaceNet §7) on the
 * small synthetic Fashion-MNIST-shaped set of {@link TrainCommandTest}, plain runtime.
 */
class HarmonicTrainingTest {

    @TempDir
    static Path data;

    @TempDir
    static Path runs;

    @TempDir
    Path dir;

    static Path v1;

    @BeforeAll
    static void trainV1() throws IOException {
        TrainCommandTest.writePart(data, "train", 40, 1);
        TrainCommandTest.writePart(data, "t10k", 10, 2);
        v1 = runs.resolve("v1");
        CliTest.Run run = CliTest.run(train(v1, "--seed", "1"));
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private static String[] train(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--runtime", "plain", "--dataset",
                "fashion-mnist:" + data, "--p", "5", "--k", "8", "--validate-every", "0", "--out", out.toString()));
        args.addAll(List.of(extra));
        if (!args.contains("--steps")) {
            args.addAll(List.of("--steps", "8"));
        }
        return args.toArray(String[]::new);
    }

    @Test
    void aHarmonicRunCachesV1sEmbeddingsDeclaresCompatibilityAndBenchHarmonicComparesTheVersions() throws IOException {
        Path v2 = dir.resolve("v2");
        CliTest.Run run = CliTest.run(train(v2, "--seed", "2", "--harmonic-with", v1.toString()));
        assertThat(run.exitCode()).as(run.err()).isZero();
        String v1Reference = ModelCard.read(v1).reference();
        assertThat(ModelCard.read(v2).compatibleWith()).containsExactly(v1Reference);
        assertThat(Files.readString(v2.resolve(ModelCard.FILE_NAME))).contains("\"compatible-with\": [\"" + v1Reference);
        assertThat(v2.resolve(ReferenceCache.FILE_NAME)).isRegularFile();
        assertThat(run.err()).contains("embedded the 400 training images with v1 " + v1Reference)
                .contains("harmonic-triplet with v1 " + v1Reference).contains("all-v1 ones dropped");
        assertThat(ModelCard.read(v1).compatibleWith()).isEmpty();

        // resumed, the cache is read, not recomputed
        CliTest.Run resumed = CliTest.run(train(v2, "--seed", "2", "--harmonic-with", v1.toString(), "--resume",
                "--steps", "10"));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).doesNotContain("embedded the").contains("in 2 steps");
        // resumed without the reference, the checkpoint refuses
        CliTest.Run without = CliTest.run(train(v2, "--seed", "2", "--resume", "--steps", "12"));
        assertThat(without.exitCode()).isEqualTo(2);
        assertThat(without.err().lines()).hasSize(1).first().asString().startsWith("facenet: --resume: the run in ")
                .contains("was trained with --harmonic-with " + v1Reference + ", this run asks for no --harmonic-with");

        Path e1 = embed(v1, "e1.csv");
        Path e2 = embed(v2, "e2.csv");
        Path html = dir.resolve("harmonic.html");
        CliTest.Run bench = CliTest.run("bench", "harmonic", "--runtime", "plain", "--v1", e1.toString(), "--v2",
                e2.toString(), "--independent", e1.toString(), "--images", "60", "--report", html.toString(), "--json");
        assertThat(bench.exitCode()).as(bench.err()).isZero();
        Map<String, Object> json = Json.parseObject(bench.out());
        List<Map<String, Object>> comparisons = ((List<?>) json.get("comparisons")).stream()
                .map(c -> Json.objectValue(Map.of("c", c), "c")).toList();
        assertThat(comparisons.stream().map(c -> (Object) c.get("comparison")).toList()).containsExactly("v1↔v1", "v2↔v1", "v2↔v2", "v2-independent↔v1", "v2-independent↔v2-independent");
        // the independent v2 given here is v1 itself: its cross comparison is v1↔v1, figure for figure
        assertThat(comparisons.get(3).get("val")).isEqualTo(comparisons.get(0).get("val"));
        assertThat(comparisons.get(3).get("auc")).isEqualTo(comparisons.get(0).get("auc"));
        assertThat(json.get("pairs_same")).isEqualTo(pairsSame(e1, 60));
        assertThat((String) json.get("ordering")).startsWith("The paper's ordering v2↔v2 > v2↔v1 > v1↔v1 ");
        String page = Files.readString(html);
        assertThat(page).contains("<svg").contains("v1↔v1: VAL").contains("v2↔v1: VAL").contains("v2↔v2: VAL");
    }

    /** Same-label pairs among the sample bench harmonic draws, counted directly. */
    private static long pairsSame(Path csv, int images) {
        var e = io.github.facenet4j.evaluators.EmbeddingsCsv.read(csv).batch();
        int[] sample = io.github.facenet4j.distribution.bench.SameImagePairs.sample(e, e, images, 1);
        long same = 0;
        for (int i = 0; i < sample.length; i++) {
            for (int j = i + 1; j < sample.length; j++) {
                same += e.labels()[sample[i]] == e.labels()[sample[j]] ? 1 : 0;
            }
        }
        return same;
    }

    private Path embed(Path model, String name) {
        return CliTest.embedDataset(model, "fashion-mnist:" + data + ":test", dir.resolve(name));
    }

    @Test
    void aV1OfAnotherInputSizeOrDimensionOrNoModelAtAllIsOneLineAndLeavesNothing() {
        Path out = dir.resolve("refused");
        CliTest.Run otherSize = CliTest.run(train(out, "--harmonic-with", "dlib-resnet-v1"));
        assertThat(otherSize.exitCode()).isEqualTo(2);
        assertThat(otherSize.err().strip()).startsWith("facenet: --harmonic-with dlib-resnet-v1 takes 3×150×150 images"
                + " but the network trained here takes 1×28×28").doesNotContain("\n");
        CliTest.Run otherDimension = CliTest.run(train(out, "--harmonic-with", v1.toString(), "--dimension", "32"));
        assertThat(otherDimension.exitCode()).isEqualTo(2);
        assertThat(otherDimension.err().strip()).startsWith("facenet: --harmonic-with " + v1 + " embeds in 64 dimensions"
                + " but --dimension is 32").contains("--dimension 64").doesNotContain("\n");
        CliTest.Run none = CliTest.run(train(out, "--harmonic-with", dir.resolve("nowhere").toString()));
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err().strip()).startsWith("facenet: --harmonic-with ").contains("nor a model directory")
                .doesNotContain("\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void benchHarmonicRefusesFilesOfOtherImagesInOneLine() throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        Files.writeString(a, "id,label,e0,e1\n0,x,1,0\n1,x,0,1\n2,y,1,0\n");
        Files.writeString(b, "id,label,e0,e1\n0,x,1,0\n2,y,0,1\n1,x,1,0\n");
        CliTest.Run run = CliTest.run("bench", "harmonic", "--runtime", "plain", "--v1", a.toString(), "--v2",
                b.toString(), "--images", "3");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("facenet: ").contains("ids differ").doesNotContain("\n");
        CliTest.Run tooMany = CliTest.run("bench", "harmonic", "--runtime", "plain", "--v1", a.toString(), "--v2",
                a.toString(), "--images", "4");
        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.err().strip()).isEqualTo("facenet: Asked for a sample of 4 images, the files hold 3");
    }
}
