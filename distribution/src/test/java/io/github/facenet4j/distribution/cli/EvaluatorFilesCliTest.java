package io.github.facenet4j.distribution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.distribution.faces.SamplePhotos;
import io.github.facenet4j.evaluators.EmbeddingsCsv;
import io.github.facenet4j.evaluators.LabelledEmbeddings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluators' files through the CLI: embeddings rows and pairs lines that cannot be
 * right are refused in one line with exit 2, and names with commas, quotes and accents come
 * out of {@code embed} and back into the reader unchanged.
 */
class EvaluatorFilesCliTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static void assertOneLine(CliTest.Run run, String expected) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("facenet: " + expected + System.lineSeparator());
    }

    @Test
    void embeddingsThatAreNotUnitLengthAreRefused() throws IOException {
        Path e = file("e.csv", "id,label,e0,e1\nAnn_0001,Ann,3,4\nAnn_0002,Ann,0,1\n");
        assertOneLine(CliTest.run("evaluate", "verification", "--runtime", "plain", "--embeddings", e.toString()),
                "e.csv line 2: the embedding of 'Ann_0001' has length 5.00000, not 1; normalise every row to unit"
                        + " length (divide it by its length) or re-embed the faces.");
    }

    @Test
    void namesWithCommasQuotesAndAccentsSurviveEmbedsCsv() throws IOException {
        Path person = Files.createDirectories(dir.resolve("album/Smith, \"Jo\" Zoë"));
        Path photo = Files.copy(SamplePhotos.all().get(1), person.resolve("photo, 1.jpg"));
        Path csv = dir.resolve("e.csv");
        CliTest.Run run = CliTest.run("embed", "--runtime", "plain", dir.resolve("album").toString(), "--out",
                csv.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String quotedPhoto = "\"" + photo.toString().replace("\"", "\"\"");
        assertThat(Files.readString(csv)).contains(quotedPhoto + "#0\",\"Smith, \"\"Jo\"\" Zoë\"," + quotedPhoto + "\",0,");
        LabelledEmbeddings read = EmbeddingsCsv.read(csv);
        assertThat(read.labelNames()).containsExactly("Smith, \"Jo\" Zoë");
        assertThat(read.ids()).containsExactly(photo + "#0", photo + "#1", photo + "#2");
    }

    @Test
    void pairsThatContradictTheLabelsAreRefused() throws IOException {
        Path e = file("e.csv", "id,label,e0,e1\nAlice_0001,Alice,1,0\nAlice_0002,Alice,0,1\nAlice_0003,Bob,-1,0\n");
        Path pairs = file("pairs.txt", "Alice 1 2\nAlice 1 3\n");
        assertOneLine(CliTest.run("evaluate", "verification", "--runtime", "plain", "--embeddings", e.toString(),
                "--pairs", pairs.toString()), "pairs.txt line 2: 'Alice 1 3' is a same-identity pair, but " + e
                + " labels Alice_0001 'Alice' and Alice_0003 'Bob'; fix the pairs file or the labels.");
    }
}
