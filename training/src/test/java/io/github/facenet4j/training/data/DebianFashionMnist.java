package io.github.facenet4j.training.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;

/**
 * Tests on the real Fashion-MNIST files of the Debian package {@code dataset-fashion-mnist}.
 * On a developer machine without the package they are skipped, so that {@code mvn verify}
 * works on a fresh machine; CI installs the package and sets
 * {@code FACENET_REQUIRE_DATASETS=1}, and then a missing package fails the test with the
 * reader's own message instead of skipping it.
 */
public final class DebianFashionMnist {

    private DebianFashionMnist() {
    }

    public static void assumeInstalledOrRequired() {
        boolean installed = Files.isRegularFile(FashionMnist.DEBIAN_DIRECTORY.resolve("train-images-idx3-ubyte.gz"));
        assumeTrue(installed || "1".equals(System.getenv("FACENET_REQUIRE_DATASETS")),
                "dataset-fashion-mnist is not installed (apt-get install dataset-fashion-mnist)");
    }
}
