package io.github.facenet4j.evaluators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.DeclaredSpace;
import io.github.facenet4j.api.EmbeddingSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code #space} first line: written and read back, optional, and one line when it is wrong. */
class EmbeddingsCsvSpaceTest {

    private static final String ROWS = "id,label,e0,e1\nAnn_0001,Ann,1,0\n\nBob_0001,Bob,0,1\n";

    @TempDir
    Path dir;

    @Test
    void theSpaceLineReadsBackWithItsCompatibilityAndLineNumbersStayTheFiles() throws IOException {
        DeclaredSpace space = new DeclaredSpace(new EmbeddingSpace("small-cnn-fm", "2", 2), List.of("small-cnn-fm@1"));
        Path file = Files.writeString(dir.resolve("e.csv"), EmbeddingsCsv.spaceLine(space) + "\n" + ROWS);
        LabelledEmbeddings read = EmbeddingsCsv.read(file);
        assertThat(read.space()).contains(space);
        assertThat(read.requireSpace("a test")).isEqualTo(space);
        assertThat(read.ids()).containsExactly("Ann_0001", "Bob_0001");
        Path bad = Files.writeString(dir.resolve("b.csv"), EmbeddingsCsv.spaceLine(space) + "\n" + ROWS + "Cy,Cy,1\n");
        assertThatThrownBy(() -> EmbeddingsCsv.read(bad)).hasMessageStartingWith("b.csv line 6: 3 fields");
    }

    @Test
    void aFileWithoutTheLineStillReadsButItsSpaceIsUnknown() throws IOException {
        LabelledEmbeddings read = EmbeddingsCsv.read(Files.writeString(dir.resolve("e.csv"), ROWS));
        assertThat(read.space()).isEmpty();
        assertThatThrownBy(() -> read.requireSpace("comparing it with another set (--against)"))
                .isInstanceOf(BadInputException.class)
                .hasMessage(dir.resolve("e.csv") + " does not say which embedding space it holds (no '#space ' first"
                        + " line), needed for comparing it with another set (--against); re-embed with 'facenet embed',"
                        + " which writes it");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "# made by hand|e.csv line 1: a first line starting with # must be #space {\"model\": …, \"version\": …,"
                + " \"dimension\": …}, got '# made by hand'.",
        "#space {\"model\": \"m\"|e.csv line 1: the space is not valid JSON: ",
        "#space {\"model\": \"m\", \"version\": \"1\"}|e.csv line 1: the embedding space needs \"model\" and",
        "#space {\"model\": \"m\", \"version\": \"1\", \"dimension\": 2, \"compatible-with\": [\"v1\"]}|e.csv line 1:"
                + " compatible-with entries are MODEL@VERSION (e.g. small-cnn-fm@1), got 'v1'",
        "#space {\"model\": \"m\", \"version\": \"1\", \"dimension\": 3}|FILE says its space is m 1 (3-d) but holds"
                + " 2-d embeddings; re-embed the file with its model.",
    })
    void aBadSpaceLineIsOneLineNamingTheFile(String line, String expected) throws IOException {
        Path file = Files.writeString(dir.resolve("e.csv"), line + "\n" + ROWS);
        assertThatThrownBy(() -> EmbeddingsCsv.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(expected.replace("FILE", file.toString()))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
