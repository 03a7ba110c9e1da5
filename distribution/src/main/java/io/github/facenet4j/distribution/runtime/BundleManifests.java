package io.github.facenet4j.distribution.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** Reads the OSGi headers bnd wrote into the jar (or classes directory) a class came from. */
final class BundleManifests {

    private BundleManifests() {
    }

    /** The manifest main attributes of the code source that holds {@code type}. */
    static Optional<Attributes> of(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            URL location = source.getLocation();
            Path path = Path.of(URI.create(location.toString()));
            if (Files.isDirectory(path)) {
                Path file = path.resolve("META-INF/MANIFEST.MF");
                if (!Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                try (InputStream in = Files.newInputStream(file)) {
                    return Optional.of(new Manifest(in).getMainAttributes());
                }
            }
            try (JarFile jar = new JarFile(path.toFile())) {
                Manifest manifest = jar.getManifest();
                return manifest == null ? Optional.empty() : Optional.of(manifest.getMainAttributes());
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Bundle-SymbolicName without directives, or "unknown". */
    static String symbolicName(Class<?> type) {
        return of(type).map(a -> a.getValue("Bundle-SymbolicName")).map(v -> v.split(";")[0].trim())
                .orElse("unknown");
    }

    /** Bundle-Version, or "unknown". */
    static String version(Class<?> type) {
        return of(type).map(a -> a.getValue("Bundle-Version")).orElse("unknown");
    }

    /** Export-Package of the bundle holding {@code type}; empty when it exports nothing. */
    static String exports(Class<?> type) {
        return of(type).map(a -> a.getValue("Export-Package")).orElse("");
    }
}
