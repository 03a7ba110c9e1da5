package io.github.facenet4j.distribution.runtime;

import io.github.facenet4j.api.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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

    /** Export-Package of the bundle holding {@code type}; empty when it exports nothing. */
    static String exports(Class<?> type) {
        return of(type).map(a -> a.getValue("Export-Package")).orElse("");
    }

    /**
     * System-bundle exports for an engine that is a plain jar on the launcher class path
     * (not a bundle): each of {@code packages} at the jar's Implementation-Version. Empty
     * when the class named {@code probe} is not on the class path (that engine is not
     * installed); the class is looked up without being initialised, so no native library loads.
     */
    static String engineExports(String probe, String... packages) {
        Class<?> type;
        try {
            type = Class.forName(probe, false, BundleManifests.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return "";
        }
        String version = of(type).map(a -> a.getValue("Implementation-Version")).orElse("0.0.0");
        StringBuilder exports = new StringBuilder();
        for (String pkg : packages) {
            exports.append(exports.length() == 0 ? "" : ",").append(pkg).append(";version=\"")
                    .append(osgiVersion(version)).append('"');
        }
        return exports.toString();
    }

    /**
     * The manifest header in which a bundle names the engine packages it imports from the
     * launcher class path: clauses {@code PACKAGE;probe=CLASS}, the class being one of that
     * engine's jar (its Implementation-Version is the exported version), e.g.
     * {@code FaceNet-Engine-Packages: ai.onnxruntime;probe=ai.onnxruntime.OrtEnvironment}.
     */
    static final String ENGINE_PACKAGES = "FaceNet-Engine-Packages";

    /**
     * System-bundle exports for every engine package the bundles in {@code jars} declare in
     * {@value #ENGINE_PACKAGES}; a package whose probe class is not on the class path (its
     * engine jars were removed) is left out, so only its bundle fails to resolve.
     */
    static String engineExportsDeclaredBy(List<Path> jars) {
        Map<String, Set<String>> packagesByProbe = new TreeMap<>();
        for (Path jar : jars) {
            String header;
            try (JarFile file = new JarFile(jar.toFile())) {
                Manifest manifest = file.getManifest();
                header = manifest == null ? null : manifest.getMainAttributes().getValue(ENGINE_PACKAGES);
            } catch (IOException e) {
                throw new ConfigurationException("Cannot read bundle " + jar + ": " + e.getMessage()
                        + " (is the jar damaged? replace it)");
            }
            if (header == null) {
                continue;
            }
            for (String clause : header.split(",")) {
                String[] parts = clause.trim().split(";");
                String probe = null;
                for (int i = 1; i < parts.length; i++) {
                    String attribute = parts[i].trim();
                    if (attribute.startsWith("probe=")) {
                        probe = attribute.substring("probe=".length()).replace("\"", "").trim();
                    }
                }
                if (probe == null || parts[0].isBlank()) {
                    throw new ConfigurationException("Bundle " + jar.getFileName() + ": " + ENGINE_PACKAGES
                            + " clause '" + clause.trim() + "' needs PACKAGE;probe=CLASS");
                }
                packagesByProbe.computeIfAbsent(probe, p -> new TreeSet<>()).add(parts[0].trim());
            }
        }
        List<String> exports = new ArrayList<>();
        packagesByProbe.forEach((probe, packages) -> {
            String declared = engineExports(probe, packages.toArray(String[]::new));
            if (!declared.isEmpty()) {
                exports.add(declared);
            }
        });
        return String.join(",", exports);
    }

    /** The leading major.minor.micro of a version string (OSGi versions take no other form there). */
    static String osgiVersion(String version) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?")
                .matcher(version);
        if (!m.find()) {
            return "0.0.0";
        }
        return m.group(1) + "." + (m.group(2) == null ? "0" : m.group(2)) + "." + (m.group(3) == null ? "0" : m.group(3));
    }
}
