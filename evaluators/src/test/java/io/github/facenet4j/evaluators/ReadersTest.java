package io.github.facenet4j.evaluators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.EvaluationInput.Pairs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file readers: good files, and one clear line for each kind of bad one. */
class ReadersTest {

    private static final String EMBEDDINGS = """
            id,label,e0,e1
            Ann_0001,Ann,1,0
            Ann_0002,Ann,0.6,0.8
            Bob_0001,Bob,-0.8,-6e-1
            Bob_0002,Bob,0,1
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private LabelledEmbeddings embeddings() throws IOException {
        return EmbeddingsCsv.read(write("e.csv", EMBEDDINGS));
    }

    @Test
    void readsEmbeddingsWithIdsAndLabels() throws IOException {
        LabelledEmbeddings e = embeddings();
        assertThat(e.ids()).containsExactly("Ann_0001", "Ann_0002", "Bob_0001", "Bob_0002");
        assertThat(e.labelNames()).containsExactly("Ann", "Bob");
        assertThat(e.batch().labels()).containsExactly(0, 0, 1, 1);
        assertThat(e.batch().embeddings()[2]).containsExactly(-0.8f, -0.6f);
    }

    @Test
    void sharesLabelNumbersWithAnotherFile() throws IOException {
        Path probes = write("p.csv", "id,label,e0,e1\nx,Bob,0,1\ny,Cy,1,0\n");
        LabelledEmbeddings p = EmbeddingsCsv.read(probes, embeddings());
        assertThat(p.batch().labels()).containsExactly(1, 2);
    }

    @Test
    void skipsMetadataColumnsBetweenLabelAndTheComponents() throws IOException {
        Path file = write("m.csv", "id,label,file,face,x,y,width,height,e0,e1\n"
                + "a.jpg#0,a,a.jpg,0,10,20,30,40,0.6,0.8\nb.jpg#0,b,b.jpg,0,1,2,3,4,1,0\n");
        LabelledEmbeddings e = EmbeddingsCsv.read(file);
        assertThat(e.ids()).containsExactly("a.jpg#0", "b.jpg#0");
        assertThat(e.batch().embeddings()[0]).containsExactly(0.6f, 0.8f);
        Path ragged = write("mr.csv", "id,label,file,e0,e1\na,A,x,1\n");
        assertThatThrownBy(() -> EmbeddingsCsv.read(ragged))
                .hasMessage("mr.csv line 2: 4 fields, but the header has 5 (id, label, 1 metadata and 2 components).");
        Path noComponents = write("mn.csv", "id,label,file\na,A,x\n");
        assertThatThrownBy(() -> EmbeddingsCsv.read(noComponents))
                .hasMessageStartingWith("mn.csv line 1: header must be id,label,e0,…,e{d-1}");
        Path gap = write("mg.csv", "id,label,e0,e2\na,A,1,2\n");
        assertThatThrownBy(() -> EmbeddingsCsv.read(gap))
                .hasMessage("mg.csv line 1: header column 4 must be 'e1', got 'e2'.");
    }

    @Test
    void rejectsMissingFile() {
        assertThatThrownBy(() -> EmbeddingsCsv.read(dir.resolve("nope.csv")))
                .isInstanceOf(BadInputException.class).hasMessage("No such file: " + dir.resolve("nope.csv"));
    }

    @Test
    void rejectsRaggedRow() throws IOException {
        Path file = write("r.csv", "id,label,e0,e1\na,A,1,0\nb,A,1\n");
        assertThatThrownBy(() -> EmbeddingsCsv.read(file)).isInstanceOf(BadInputException.class)
                .hasMessage("r.csv line 3: 3 fields, but the header has 4 (id, label and 2 components).");
    }

    @Test
    void rejectsNaN() throws IOException {
        Path file = write("n.csv", "id,label,e0,e1\na,A,1,NaN\n");
        assertThatThrownBy(() -> EmbeddingsCsv.read(file)).isInstanceOf(BadInputException.class)
                .hasMessage("n.csv line 2: e1 is 'NaN', not a finite number.");
    }

    @Test
    void rejectsText() throws IOException {
        Path file = write("t.csv", "id,label,e0\na,A,one\n");
        assertThatThrownBy(() -> EmbeddingsCsv.read(file)).hasMessage("t.csv line 2: e0 is 'one', not a finite number.");
    }

    @Test
    void rejectsBadHeaderAndDuplicateIds() throws IOException {
        Path header = write("h.csv", "name,label,e0\n");
        assertThatThrownBy(() -> EmbeddingsCsv.read(header)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("h.csv line 1: header must be id,label,e0,…,e{d-1}");
        Path twice = write("d.csv", "id,label,e0\na,A,1\na,B,2\n");
        assertThatThrownBy(() -> EmbeddingsCsv.read(twice)).hasMessage("d.csv line 3: id 'a' appears twice.");
        Path empty = write("empty.csv", "\n");
        assertThatThrownBy(() -> EmbeddingsCsv.read(empty)).hasMessageContaining("is empty");
    }

    @Test
    void readsTenFoldPairsLayout() throws IOException {
        Path file = write("pairs.txt", """
                2\t1
                Ann\t1\t2
                Ann\t1\tBob\t2
                Bob\t1\t2
                Bob\t2\tAnn\t2
                """);
        Pairs pairs = LfwPairs.read(file, embeddings());
        assertThat(pairs.first()).containsExactly(0, 0, 2, 3);
        assertThat(pairs.second()).containsExactly(1, 3, 3, 1);
        assertThat(pairs.same()).containsExactly(true, false, true, false);
        assertThat(pairs.fold()).containsExactly(0, 0, 1, 1);
    }

    @Test
    void readsSimplePairsList() throws IOException {
        Pairs pairs = LfwPairs.read(write("list.txt", "Ann 1 2\nAnn 2 Bob 1\n"), embeddings());
        assertThat(pairs.size()).isEqualTo(2);
        assertThat(pairs.fold()).containsOnly(0);
        Pairs counted = LfwPairs.read(write("counted.txt", "1\nAnn 1 2\n"), embeddings());
        assertThat(counted.size()).isEqualTo(1);
    }

    @Test
    void rejectsUnknownIdInPairs() throws IOException {
        Path file = write("pairs.txt", "Ann 1 3\n");
        assertThatThrownBy(() -> LfwPairs.read(file, embeddings())).isInstanceOf(BadInputException.class)
                .hasMessage("pairs.txt line 1: no embedding with id 'Ann_0003' in " + dir.resolve("e.csv") + ".");
    }

    @Test
    void rejectsMalformedPairs() throws IOException {
        LabelledEmbeddings e = embeddings();
        assertThatThrownBy(() -> LfwPairs.read(write("a.txt", "Ann 1\n"), e))
                .hasMessage("a.txt line 1: expected 'name i j' or 'name1 i name2 j', got 'Ann 1'.");
        assertThatThrownBy(() -> LfwPairs.read(write("b.txt", "10 300\nAnn 1 2\n"), e))
                .hasMessageContaining("header says 10 folds of 300 + 300 pairs (6000), but there are 1 pair lines");
        assertThatThrownBy(() -> LfwPairs.read(write("c.txt", "Ann x 2\n"), e))
                .hasMessage("c.txt line 1: image number 'x' is not a whole number.");
    }

    @Test
    void readsClusters() throws IOException {
        Path file = write("c.csv", "id,cluster\nAnn_0001,k1\nAnn_0002,k1\nBob_0001,k2\nBob_0002,k1\n");
        assertThat(ClustersCsv.read(file, embeddings())).containsExactly(0, 0, 1, 0);
    }

    @Test
    void rejectsIncompleteOrUnknownClusters() throws IOException {
        LabelledEmbeddings e = embeddings();
        assertThatThrownBy(() -> ClustersCsv.read(write("c.csv", "id,cluster\nAnn_0001,1\n"), e))
                .isInstanceOf(BadInputException.class)
                .hasMessage("c.csv: no cluster for id 'Ann_0002' of " + dir.resolve("e.csv") + ".");
        assertThatThrownBy(() -> ClustersCsv.read(write("u.csv", "id,cluster\nZed_0001,1\n"), e))
                .hasMessage("u.csv line 2: no embedding with id 'Zed_0001' in " + dir.resolve("e.csv") + ".");
        assertThatThrownBy(() -> ClustersCsv.read(write("h.csv", "id;cluster\n"), e))
                .hasMessage("h.csv line 1: header must be 'id,cluster', got 'id;cluster'.");
    }
}
