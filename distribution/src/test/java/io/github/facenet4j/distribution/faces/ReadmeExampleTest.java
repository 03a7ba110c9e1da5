package io.github.facenet4j.distribution.faces;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example in README.md, compiled against the build's class path and run on two real photos. */
class ReadmeExampleTest {

    private static final String MARKER = "<!-- readme-example";

    static String example() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int marker = readme.indexOf(MARKER);
        assertThat(marker).as("README.md holds the marked example").isNotNegative();
        int start = readme.indexOf("```java\n", marker) + "```java\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    @Test
    void compilesAndVerifiesAPhotoAgainstARescaledCopy(@TempDir Path dir) throws Exception {
        Path source = Files.writeString(dir.resolve("Example.java"), example());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-d", dir.toString(), "-cp",
                System.getProperty("java.class.path"), source.toString());
        assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        // sample2: its largest face is clearly the largest (66,000 px² against 43,000), so it stays
        // the largest after rescaling; in sample1 three faces are within 10 % of each other.
        Path photo = SamplePhotos.all().get(1);
        Path smaller = SamplePhotos.write(SamplePhotos.half(SamplePhotos.read(photo)), dir.resolve("half.png"));
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                ReadmeExampleTest.class.getClassLoader())) {
            Method main = loader.loadClass("Example").getMethod("main", String[].class);
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
