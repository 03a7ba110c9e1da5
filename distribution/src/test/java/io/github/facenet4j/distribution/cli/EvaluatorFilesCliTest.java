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
 * The evaluators' files through the CLI: names with commas, quotes and accents come out of
 * {@code embed} and back into the reader unchanged.
 */
class EvaluatorFilesCliTest {

    @TempDir
    Path dir;

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
        assertThat(read.ids()).containsExactly(photo + "#0", photo + "#1");
    }
}
