package io.github.facenet4j.evaluators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows of the embeddings CSV: names with commas, quotes or any script intact. */
class EmbeddingsCsvRowsTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
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
}
