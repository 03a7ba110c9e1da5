package io.github.facenet4j.distribution.runtime;

import io.github.facenet4j.api.PluginInfo;
import io.github.facenet4j.api.PluginKind;
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

    /**
     * What the plain runtime knows of a plugin class: its bundle's symbolic name (without
     * directives) and version from one read of the manifest, "unknown" where there is none.
     */
    static PluginInfo describe(PluginKind kind, String name, Class<?> type) {
        Optional<Attributes> attributes = of(type);
        String bundle = attributes.map(a -> a.getValue("Bundle-SymbolicName")).map(v -> v.split(";")[0].trim())
                .orElse("unknown");
        String version = attributes.map(a -> a.getValue("Bundle-Version")).orElse("unknown");
        return new PluginInfo(kind, name, type.getName(), bundle, version);
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
