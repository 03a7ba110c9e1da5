package io.github.facenet4j.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** After packaging: the example bundle is a jar of its own, and the installation's bundles/ lacks it. */
class ExampleBundleIT {

    @Test
    void theExampleIsAPackagedJarThatTheBuildLeavesOutOfBundles() throws IOException {
        Path jar = ExampleBundle.location();
        assertThat(jar).isRegularFile();
        assertThat(jar.getFileName().toString()).startsWith("facenet4j-example-custom-evaluator-").endsWith(".jar");
        Path bundles = FaceNetHome.fromSystemProperty().bundles();
        try (Stream<Path> files = Files.list(bundles)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList())
                    .as("jars in " + bundles).anyMatch(name -> name.startsWith("facenet4j-evaluators-"))
                    .noneMatch(name -> name.contains("example"));
        }
    }
}
