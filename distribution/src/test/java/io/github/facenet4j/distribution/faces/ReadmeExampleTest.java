package io.github.facenet4j.distribution.faces;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.distribution.DocumentedCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example in README.md, compiled against the build's class path and run on two real photos. */
class ReadmeExampleTest {

    @Test
    void compilesAndVerifiesAPhotoAgainstARescaledCopy(@TempDir Path dir) throws Exception {
        Method main = DocumentedCode.compile(DocumentedCode.javaBlock("README.md", "<!-- readme-example"), dir)
                .getMethod("main", String[].class);

        // sample2: its largest face is clearly the largest (66,000 px² against 43,000), so it stays
        // the largest after rescaling; in sample1 three faces are within 10 % of each other.
        Path photo = SamplePhotos.all().get(1);
        Path smaller = SamplePhotos.write(SamplePhotos.half(SamplePhotos.read(photo)), dir.resolve("half.png"));
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[] {photo.toString(), smaller.toString()});
        } finally {
            System.setOut(saved);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        System.out.println(String.join("\n", lines));
        assertThat(lines.get(0)).startsWith("2 faces, the largest at FaceBox[");
        assertThat(lines.get(1)).matches("distance 0\\.0\\d\\d, threshold 0\\.12: same person");
    }
}
