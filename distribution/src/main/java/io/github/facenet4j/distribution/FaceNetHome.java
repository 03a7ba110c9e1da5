package io.github.facenet4j.distribution;

import io.github.facenet4j.api.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The installed layout the launcher runs from: {@code lib/} (launcher class path),
 * {@code bundles/} (installed into Felix) and {@code conf/} (plugin configuration,
 * one {@code PID.cfg} per plugin).
 *
 * @param root the installation directory (the {@code facenet.home} system property set by
 *             {@code bin/facenet})
 */
public record FaceNetHome(Path root) {

    /** System property the launcher script sets to the installation directory. */
    public static final String PROPERTY = "facenet.home";

    public FaceNetHome {
        root = root.toAbsolutePath().normalize();
    }

    /** The installation named by {@value #PROPERTY}; fails with a hint when it is not set. */
    public static FaceNetHome fromSystemProperty() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("The system property " + PROPERTY
                    + " is not set: start facenet through its bin/facenet script (or ./facenet in the source tree).");
        }
        return new FaceNetHome(Path.of(value));
    }

    public Path bundles() {
        return root.resolve("bundles");
    }

    public Path conf() {
        return root.resolve("conf");
    }

    /** Checks that {@code bundles/} exists, for the OSGi runtime. */
    public FaceNetHome requireBundles() {
        if (!Files.isDirectory(bundles())) {
            throw new ConfigurationException("No bundles directory at " + bundles()
                    + ": rebuild the distribution with 'mvn -B -DskipTests package' or run ./facenet.");
        }
        return this;
    }
}
