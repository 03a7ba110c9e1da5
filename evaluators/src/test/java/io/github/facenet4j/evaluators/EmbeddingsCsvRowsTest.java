package io.github.facenet4j.evaluators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows of the embeddings CSV: unit length, labelled, and names with commas, quotes or any script intact. */
class EmbeddingsCsvRowsTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aZeroVectorIsRefused() throws IOException {
        Path file = write("z.csv", "id,label,e0,e1\na,A,1,0\nb,A,0,-0.0\n");
        assertThatThrownBy(() -> EmbeddingsCsv.read(file)).isInstanceOf(BadInputException.class)
                .hasMessage("z.csv line 3: the embedding of 'b' is all zeros; re-embed that face, or leave the row out.");
    }

    @Test
    void aVectorThatIsNotUnitLengthIsRefused() throws IOException {
        // (1, 1) has length √2 = 1.41421…
        Path file = write("u.csv", "id,label,e0,e1\na,A,1,1\n");
        assertThatThrownBy(() -> EmbeddingsCsv.read(file)).isInstanceOf(BadInputException.class)
                .hasMessage("u.csv line 2: the embedding of 'a' has length 1.41421, not 1; normalise every row to unit"
                        + " length (divide it by its length) or re-embed the faces.");
        // (0.6, 0.8) · 1.002 has length 1.002: just outside the tolerance
        Path longer = write("l.csv", "id,label,e0,e1\na,A,0.6012,0.8016\n");
        assertThatThrownBy(() -> EmbeddingsCsv.read(longer)).hasMessageStartingWith(
                "l.csv line 2: the embedding of 'a' has length 1.00200, not 1;");
    }

    @Test
    void roundedDigitsWithinTheToleranceAreAccepted() throws IOException {
        // six decimals of (1/√3, 1/√3, 1/√3): length 0.99999998…
        Path file = write("r.csv", "id,label,e0,e1,e2\na,A,0.577350,0.577350,0.577350\nb,A,0.9995,0,0\n");
        assertThat(EmbeddingsCsv.read(file).ids()).containsExactly("a", "b");
    }

    @Test
    void aBlankLabelIsRefused() throws IOException {
        Path file = write("b.csv", "id,label,e0\na,A,1\nb,  ,1\n");
        assertThatThrownBy(() -> EmbeddingsCsv.read(file)).isInstanceOf(BadInputException.class)
                .hasMessage("b.csv line 3: the label of 'b' is blank; give every row the name of its identity.");
        Path quoted = write("q.csv", "id,label,e0\na,\" \",1\n");
        assertThatThrownBy(() -> EmbeddingsCsv.read(quoted))
                .hasMessage("q.csv line 2: the label of 'a' is blank; give every row the name of its identity.");
    }

    @Test
    void labelsAndPathsWithCommasQuotesLineBreaksAndAnyScriptSurviveTheRoundTrip() throws IOException {
        List<String> labels = List.of("Smith, John", "O'Brien \"Bob\"", "Zoë Ångström", "王菲");
        List<String> files = List.of("/photos/Smith, John/1.jpg", "/photos/\"Bob\"/a,b.jpg",
                "/photos/Zoë\nÅngström/é.png", "/photos/王菲/照片 1.jpg");
        float[][] vectors = {{1, 0}, {0, 1}, {0.6f, 0.8f}, {-0.8f, 0.6f}};
        StringBuilder csv = new StringBuilder(EmbeddingsCsv.header(List.of("file", "face"), 2)).append('\n');
        for (int i = 0; i < labels.size(); i++) {
            csv.append(EmbeddingsCsv.row(files.get(i) + "#0", labels.get(i), List.of(files.get(i), "0"), vectors[i]))
                    .append('\n');
        }
        assertThat(csv.toString()).startsWith("id,label,file,face,e0,e1\n\"/photos/Smith, John/1.jpg#0\",\"Smith, John\",");
        LabelledEmbeddings read = EmbeddingsCsv.read(write("rt.csv", csv.toString()));
        assertThat(read.labelNames()).containsExactlyElementsOf(labels);
        assertThat(read.ids()).containsExactly(files.get(0) + "#0", files.get(1) + "#0", files.get(2) + "#0",
                files.get(3) + "#0");
        assertThat(read.batch().embeddings()).isDeepEqualTo(vectors);
        assertThat(read.batch().labels()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void aRowAfterAMultiLineFieldIsNamedByTheLineItStartsOn() throws IOException {
        Path file = write("m.csv", "id,label,file,e0\na,A,\"x\ny\",1\nb,B,z,2\n");
        assertThatThrownBy(() -> EmbeddingsCsv.read(file))
                .hasMessageStartingWith("m.csv line 4: the embedding of 'b' has length 2.00000, not 1;");
    }
}
