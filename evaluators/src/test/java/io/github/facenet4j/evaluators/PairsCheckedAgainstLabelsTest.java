package io.github.facenet4j.evaluators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pairs.txt lines must agree with the embeddings' labels, join two faces, and match their header. */
class PairsCheckedAgainstLabelsTest {

    /** Alice_0003 is labelled Bob: a same line naming it contradicts the labels. */
    private static final String EMBEDDINGS = """
            id,label,e0,e1
            Alice_0001,Alice,1,0
            Alice_0002,Alice,0,1
            Alice_0003,Bob,-1,0
            Bob_0001,Bob,0,-1
            """;

    @TempDir
    Path dir;

    private LabelledEmbeddings embeddings;

    @BeforeEach
    void read() throws IOException {
        embeddings = EmbeddingsCsv.read(write("e.csv", EMBEDDINGS));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aSamePairWhoseRowsAreLabelledDifferentlyIsRefused() throws IOException {
        Path pairs = write("pairs.txt", "Alice 1 2\nAlice 1 3\n");
        assertThatThrownBy(() -> LfwPairs.read(pairs, embeddings)).isInstanceOf(BadInputException.class)
                .hasMessage("pairs.txt line 2: 'Alice 1 3' is a same-identity pair, but " + dir.resolve("e.csv")
                        + " labels Alice_0001 'Alice' and Alice_0003 'Bob'; fix the pairs file or the labels.");
    }

    @Test
    void aDifferentPairWhoseRowsShareTheLabelIsRefused() throws IOException {
        Path pairs = write("pairs.txt", "Alice 1 2\nAlice 1 Alice 2\n");
        assertThatThrownBy(() -> LfwPairs.read(pairs, embeddings)).isInstanceOf(BadInputException.class)
                .hasMessage("pairs.txt line 2: 'Alice 1 Alice 2' is a different-identity pair (a same one is written"
                        + " 'name i j'), but " + dir.resolve("e.csv") + " labels Alice_0001 'Alice' and Alice_0002"
                        + " 'Alice'; fix the pairs file or the labels.");
        Path byLabel = write("by-label.txt", "Alice 3\tBob 1\n");
        assertThatThrownBy(() -> LfwPairs.read(byLabel, embeddings)).hasMessageStartingWith(
                "by-label.txt line 1: 'Alice 3\tBob 1' is a different-identity pair");
    }

    @Test
    void aFacePairedWithItselfIsRefused() throws IOException {
        Path same = write("self.txt", "\nAlice 2 2\n");
        assertThatThrownBy(() -> LfwPairs.read(same, embeddings)).isInstanceOf(BadInputException.class)
                .hasMessage("self.txt line 2: 'Alice 2 2' pairs Alice_0002 with itself; a pair needs two different"
                        + " faces.");
        Path spelled = write("self4.txt", "Bob 1 Bob 0001\n");
        assertThatThrownBy(() -> LfwPairs.read(spelled, embeddings))
                .hasMessage("self4.txt line 1: 'Bob 1 Bob 0001' pairs Bob_0001 with itself; a pair needs two different"
                        + " faces.");
    }

    @Test
    void aPairCountHeaderMustMatchTheLinesThatFollow() throws IOException {
        Path pairs = write("counted.txt", "3\nAlice 1 2\nAlice 1 Bob 1\n");
        assertThatThrownBy(() -> LfwPairs.read(pairs, embeddings)).isInstanceOf(BadInputException.class)
                .hasMessage(dir.resolve("counted.txt") + ": header says 3 pairs, but there are 2 pair lines; fix the"
                        + " header or the list.");
    }

    @Test
    void aFoldHeaderMustMatchTheLinesThatFollow() throws IOException {
        Path pairs = write("folds.txt", "2 1\nAlice 1 2\nAlice 1 Bob 1\nAlice 3 Bob 1\n");
        assertThatThrownBy(() -> LfwPairs.read(pairs, embeddings)).isInstanceOf(BadInputException.class)
                .hasMessage(dir.resolve("folds.txt") + ": header says 2 folds of 1 + 1 pairs (4), but there are 3 pair"
                        + " lines; fix the header or the list.");
        Path none = write("zero.txt", "10 0\nAlice 1 2\n");
        assertThatThrownBy(() -> LfwPairs.read(none, embeddings))
                .hasMessage("zero.txt line 1: header '10 0' must be 'F N', F ≥ 1 folds of N ≥ 1 same and N different"
                        + " pairs each.");
    }

    @Test
    void linesThatAgreeWithTheLabelsAreRead() throws IOException {
        Path pairs = write("pairs.txt", "2\nAlice 1 2\nAlice 2 Bob 1\n");
        assertThat(LfwPairs.read(pairs, embeddings).same()).containsExactly(true, false);
    }
}
