package io.github.facenet4j.distribution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.adapters.AdapterDirectory;
import io.github.facenet4j.adapters.internal.LinearAdapter;
import io.github.facenet4j.api.AdapterTraining;
import io.github.facenet4j.api.DeclaredSpace;
import io.github.facenet4j.api.EmbeddingSpace;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.evaluators.EmbeddingsCsv;
import io.github.facenet4j.evaluators.LabelledEmbeddings;
import io.github.facenet4j.models.ModelCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code facenet adapt} and {@code evaluate verification --against} on the plain runtime: two
 * small models trained here on the synthetic Fashion-MNIST-shaped set of {@link TrainCommandTest},
 * an adapter fitted between them, cross pairs through it; and the one-line refusals.
 */
class AdaptCommandTest {

    @TempDir
    static Path data;

    @TempDir
    Path dir;

    static final EmbeddingSpace V1 = new EmbeddingSpace("m", "1", 2);
    static final EmbeddingSpace V2 = new EmbeddingSpace("m", "2", 2);

    @BeforeAll
    static void writeIdxFiles() throws IOException {
        TrainCommandTest.writePart(data, "train", 40, 1);
        TrainCommandTest.writePart(data, "t10k", 10, 2);
    }

    private Path train(String name, int seed, int steps) {
        Path out = dir.resolve(name);
        CliTest.Run run = CliTest.run("train", "--runtime", "plain", "--dataset", "fashion-mnist:" + data, "--p", "5",
                "--k", "8", "--seed", Integer.toString(seed), "--steps", Integer.toString(steps), "--validate-every",
                "0", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return out;
    }

    private Path embed(Path model, String name) {
        return CliTest.embedDataset(model, "fashion-mnist:" + data + ":test", dir.resolve(name));
    }

    private static Map<String, Object> verification(String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("evaluate", "verification", "--runtime", "plain",
                "--json"));
        args.addAll(List.of(options));
        CliTest.Run run = CliTest.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Json.parseObject(run.out());
    }

    @Test
    void anAdapterFittedBetweenTwoModelsCarriesCrossPairsThatNoPathRefuses() throws IOException {
        Path v1 = train("v1", 1, 12);
        Path v2 = train("v2", 2, 13);
        Path adapter = dir.resolve("adapter");
        CliTest.Run adapt = CliTest.run("adapt", "--runtime", "plain", "--from", v2.toString(), "--to", v1.toString(),
                "--dataset", "fashion-mnist:" + data + ":train", "--adapter", "mlp", "--out", adapter.toString(),
                "--json");
        assertThat(adapt.exitCode()).as(adapt.err()).isZero();
        Map<String, Object> fitted = Json.parseObject(adapt.out());
        String v1Space = ModelCard.read(v1).space().space().name();
        String v2Space = ModelCard.read(v2).space().space().name();
        assertThat(fitted).containsEntry("adapter", "mlp").containsEntry("source", v2Space)
                .containsEntry("target", v1Space).containsEntry("pairs", 400L);
        AdapterDirectory card = AdapterDirectory.readCard(adapter);
        assertThat(card.source()).isEqualTo(ModelCard.read(v2).space().space());
        assertThat(card.target()).isEqualTo(ModelCard.read(v1).space().space());

        Path e1 = embed(v1, "v1.csv");
        Path e2 = embed(v2, "v2.csv");
        Map<String, Object> same = verification("--embeddings", e1.toString(), "--against", e1.toString());
        // 10 classes of 10 test images: 10 · 10 · 10 same and 100 · 100 − 1,000 different cross pairs
        assertThat(same).containsEntry("pairs_same", 1000L).containsEntry("pairs_diff", 9000L);
        Map<String, Object> adapted = verification("--embeddings", e2.toString(), "--against", e1.toString(),
                "--adapter", adapter.toString());
        assertThat(adapted).containsEntry("pairs_same", 1000L).containsEntry("pairs_diff", 9000L);
        assertThat((double) adapted.get("auc")).isBetween(0.0, 1.0);

        CliTest.Run none = CliTest.run("evaluate", "verification", "--runtime", "plain", "--embeddings", e2.toString(),
                "--against", e1.toString());
        assertOneLine(none, "cannot compare v2.csv (" + v2Space + ", 64-d) with v1.csv (" + v1Space + ", 64-d): no"
                + " model card declares the two spaces compatible and no adapter maps one into the other; fit one with"
                + " 'facenet adapt --from MODEL_DIR --to MODEL_DIR --dataset SPEC --out DIR' and pass --adapter DIR");
        CliTest.Run backwards = CliTest.run("evaluate", "verification", "--runtime", "plain", "--embeddings",
                e1.toString(), "--against", e2.toString(), "--adapter", adapter.toString());
        assertOneLine(backwards, "the adapter " + adapter + " maps " + v2Space + " (64-d) into " + v1Space + ", but"
                + " v1.csv (" + v1Space + ", 64-d) is in another space; fit an adapter from it with 'facenet adapt"
                + " --from MODEL_DIR'");

        // a card that declares v1 compatible is a path without an adapter
        Path card2 = v2.resolve(ModelCard.FILE_NAME);
        ModelCard harmonic = ModelCard.parse(Files.readString(card2).replace("\"threshold\"",
                "\"compatible-with\": [\"" + v1Space + "\"], \"threshold\""), "card");
        Files.writeString(card2, harmonic.toJson());
        Path declared = embed(v2, "v2-harmonic.csv");
        assertThat(EmbeddingsCsv.read(declared).space().orElseThrow().compatibleWith()).containsExactly(v1Space);
        assertThat(verification("--embeddings", declared.toString(), "--against", e1.toString()))
                .containsEntry("pairs_same", 1000L);
    }

    private Path csv(String name, EmbeddingSpace space) throws IOException {
        String line = space == null ? "" : EmbeddingsCsv.spaceLine(DeclaredSpace.of(space)) + "\n";
        return Files.writeString(dir.resolve(name), line + "id,label,e0,e1\na,A,1,0\nb,A,0.6,0.8\nc,B,0,1\n");
    }

    private static void assertOneLine(CliTest.Run run, String expected) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("facenet: " + expected + System.lineSeparator());
    }

    private static CliTest.Run evaluate(String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("evaluate", "verification", "--runtime", "plain"));
        args.addAll(List.of(options));
        return CliTest.run(args.toArray(String[]::new));
    }

    @Test
    void crossPairBadInputIsOneLineAndExitTwo() throws IOException {
        Path a = csv("A.csv", V2);
        Path b = csv("B.csv", V1);
        Path unnamed = csv("U.csv", null);
        assertOneLine(evaluate("--embeddings", a.toString(), "--against", b.toString()),
                "cannot compare A.csv (m@2, 2-d) with B.csv (m@1, 2-d): no model card declares the two spaces"
                        + " compatible and no adapter maps one into the other; fit one with 'facenet adapt --from"
                        + " MODEL_DIR --to MODEL_DIR --dataset SPEC --out DIR' and pass --adapter DIR");
        Path other = dir.resolve("other-adapter");
        float[][] rows = {{1, 0}, {0, 1}, {0.6f, 0.8f}};
        AdapterDirectory.write(new LinearAdapter(Map.of()).fit(new AdapterTraining(new EmbeddingSpace("x", "1", 2), V1,
                rows, rows, Optional.empty(), 1)), other);
        assertOneLine(evaluate("--embeddings", a.toString(), "--against", b.toString(), "--adapter", other.toString()),
                "the adapter " + other + " maps x@1 (2-d) into m@1, but A.csv (m@2, 2-d) is in another space; fit an"
                        + " adapter from it with 'facenet adapt --from MODEL_DIR'");
        assertOneLine(evaluate("--embeddings", unnamed.toString(), "--against", b.toString()),
                unnamed + " does not say which embedding space it holds (no '#space ' first line), needed for comparing"
                        + " it with another set (--against); re-embed with 'facenet embed', which writes it");
        assertOneLine(evaluate("--embeddings", a.toString(), "--adapter", other.toString()),
                "--adapter " + other + " maps the embeddings into the space of --against B.csv; give --against too");
        Path pairs = Files.writeString(dir.resolve("pairs.txt"), "a b\n");
        assertOneLine(evaluate("--embeddings", a.toString(), "--against", b.toString(), "--pairs", pairs.toString()),
                "--pairs and --against both choose the pairs; give one of them");
        assertOneLine(evaluate("--embeddings", a.toString(), "--against", b.toString(), "--adapter",
                dir.resolve("none").toString()), "--adapter " + dir.resolve("none") + " is not a directory; give the"
                + " folder 'facenet adapt --out' wrote");
        // the same space, spelt in both files, needs no adapter
        LabelledEmbeddings read = EmbeddingsCsv.read(b);
        assertThat(read.space()).contains(DeclaredSpace.of(V1));
        assertThat(verification("--embeddings", b.toString(), "--against", b.toString(), "--folds", "2"))
                .containsEntry("pairs_same", 5L).containsEntry("pairs_diff", 4L);
    }

    @Test
    void adaptBadInputIsOneLineAndExitTwo() throws IOException {
        Path notAModel = Files.createDirectories(dir.resolve("empty"));
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        assertOneLine(CliTest.run("adapt", "--runtime", "plain", "--from", file.toString(), "--to", file.toString(),
                "--dataset", "fashion-mnist:" + data, "--out", dir.resolve("out").toString()),
                "--from " + file + " is not a model directory (a folder with model-card.json, as 'facenet train --out'"
                        + " writes)");
        assertOneLine(CliTest.run("adapt", "--runtime", "plain", "--from", notAModel.toString(), "--to",
                notAModel.toString(), "--dataset", "fashion-mnist:" + data, "--out", dir.resolve("out").toString()),
                "No model card at " + notAModel.resolve(ModelCard.FILE_NAME) + ": a model directory holds"
                        + " model-card.json");
        Path taken = dir.resolve("taken");
        float[][] rows = {{1, 0}, {0, 1}, {0.6f, 0.8f}};
        AdapterDirectory.write(new LinearAdapter(Map.of()).fit(new AdapterTraining(V1, V2, rows, rows,
                Optional.empty(), 1)), taken);
        assertOneLine(CliTest.run("adapt", "--runtime", "plain", "--from", notAModel.toString(), "--to",
                notAModel.toString(), "--dataset", "fashion-mnist:" + data, "--out", taken.toString()),
                "--out " + taken + " already holds an adapter; choose a new directory");
    }
}
