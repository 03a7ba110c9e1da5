package io.github.facenet4j.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The example third-party bundle of examples/custom-evaluator, as the build hands it to the
 * tests: the system property {@value #PROPERTY} names its jar (its target/classes in a
 * test-only build, where nothing is packaged). It is not on the test class path; tests drop
 * it where users would.
 */
public final class ExampleBundle {

    public static final String PROPERTY = "facenet.example.bundle";
    /** Its evaluator's name, class and component descriptor. */
    public static final String NAME = "decidability";
    public static final String CLASS = "com.example.facenet.decidability.DecidabilityEvaluator";
    static final String DESCRIPTOR = "OSGI-INF/" + CLASS + ".xml";

    private ExampleBundle() {
    }

    /** The built bundle: a jar, or a classes directory in a test-only build. */
    public static Path location() {
        String value = System.getProperty(PROPERTY);
        assertThat(value).as("system property " + PROPERTY + " (set by distribution/pom.xml)").isNotBlank()
                .doesNotStartWith("${");
        Path path = Path.of(value);
        assertThat(path).as(PROPERTY).exists();
        return path;
    }

    /** The text of {@code entry} in the bundle at {@code location}, jar or directory. */
    static String read(Path location, String entry) {
        try {
            if (Files.isDirectory(location)) {
                return Files.readString(location.resolve(entry), StandardCharsets.UTF_8);
            }
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                return Files.readString(jar.getPath(entry), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
