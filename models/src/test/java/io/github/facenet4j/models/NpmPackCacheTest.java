package io.github.facenet4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmPackCacheTest {

    @TempDir
    Path tmp;

    /** Writes a gzip'd ustar archive with the given regular files (name → content). */
    private Path tarball(Map<String, String> files) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : files.entrySet()) {
            byte[] body = f.getValue().getBytes(StandardCharsets.UTF_8);
            byte[] header = new byte[512];
            put(header, 0, f.getKey());
            put(header, 100, "0000644");
            put(header, 124, String.format("%011o", body.length));
            header[156] = '0';
            put(header, 257, "ustar");
            tar.write(header);
            tar.write(body);
            tar.write(new byte[(512 - body.length % 512) % 512]);
        }
        tar.write(new byte[1024]);
        Path out = tmp.resolve("pkg-1.0.0.tgz");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(out))) {
            gz.write(tar.toByteArray());
        }
        return out;
    }

    private static void put(byte[] header, int offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, offset, b.length);
    }

    /** A stand-in for npm that copies a prepared tarball into its working directory, or fails. */
    private String fakeNpm(Path tarball, int exit) throws IOException {
        Path script = tmp.resolve("npm-" + exit);
        String body = exit == 0 ? "cp '" + tarball + "' .\necho " + tarball.getFileName() + "\n"
                : "echo 'npm ERR! code ENOTFOUND' >&2\nexit " + exit + "\n";
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script.toString();
    }

    private static final String A = "[1, 2]";
    private static final String B = "x".repeat(700);
    private static final List<String> BOTH = List.of("model/a.json", "model/b.bin");

    /** The package with the tarball's pin {@code sha} and each file pinned to the sha256 of its content above. */
    private static NpmPackage pkg(String sha) {
        Map<String, String> pins = new LinkedHashMap<>();
        pins.put("model/a.json", sha256(A));
        pins.put("model/b.bin", sha256(B));
        return new NpmPackage("@scope/pkg", "1.0.0", sha, pins);
    }

    /** SHA-256 straight from the JDK's MessageDigest, as hex. */
    private static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A cache directory holding the given files (path → content). */
    private Path filled(String name, Map<String, String> files) throws IOException {
        Path dir = tmp.resolve(name);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.createDirectories(dir.resolve(f.getKey()).getParent());
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        return dir;
    }

    private Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("package/README.md", "not wanted");
        files.put("package/model/a.json", A);
        files.put("package/model/b.bin", B);
        return files;
    }

    @Test
    void fetchesChecksAndUnpacksOnlyTheWantedEntries() throws IOException {
        Path tgz = tarball(files());
        String sha = NpmPackCache.sha256(tgz);
        Path dir = tmp.resolve("cache/pkg-1.0.0");
        Path got = new NpmPackCache(fakeNpm(tgz, 0), Duration.ofSeconds(30)).fetch(pkg(sha), dir, BOTH);
        assertThat(got).isEqualTo(dir);
        assertThat(Files.readString(dir.resolve("model/a.json"))).isEqualTo("[1, 2]");
        assertThat(Files.size(dir.resolve("model/b.bin"))).isEqualTo(700);
        assertThat(dir.resolve("README.md")).doesNotExist();
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("model");
        }
    }

    @Test
    void usesIntactFilesAlreadyThereWithoutRunningNpm() throws IOException {
        Path dir = filled("filled", Map.of("model/a.json", A, "model/b.bin", B));
        assertThat(new NpmPackCache(tmp.resolve("no-such-npm").toString(), Duration.ofSeconds(5))
                .fetch(pkg("0".repeat(64)), dir, BOTH)).isEqualTo(dir);
    }

    @Test
    void aCorruptFileIsRefusedNamingItAndHowToFetchItAgain() throws IOException {
        String damaged = "y" + B.substring(1);
        Path dir = filled("corrupt", Map.of("model/a.json", A, "model/b.bin", damaged));
        NpmPackCache offline = new NpmPackCache(tmp.resolve("no-such-npm").toString(), Duration.ofSeconds(5));
        assertThatThrownBy(() -> offline.fetch(pkg("0".repeat(64)), dir, BOTH))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Model file " + dir.resolve("model/b.bin") + " (sha256 " + sha256(damaged) + ", expected "
                        + sha256(B) + ") is corrupt: delete it (or the directory " + dir + ") and run again to fetch"
                        + " @scope/pkg@1.0.0 anew, or point FACENET_MODEL_CACHE (--model-cache) at an intact copy");
        // the file the caller does not need is not read
        assertThat(offline.fetch(pkg("0".repeat(64)), dir, List.of("model/a.json"))).isEqualTo(dir);
    }

    @Test
    void everyCorruptFileIsNamed() throws IOException {
        Path dir = filled("both", Map.of("model/a.json", "[1, 3]", "model/b.bin", ""));
        assertThatThrownBy(() -> new NpmPackCache(tmp.resolve("no-such-npm").toString(), Duration.ofSeconds(5))
                .fetch(pkg("0".repeat(64)), dir, BOTH))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Model files " + dir.resolve("model/a.json") + " (sha256 " + sha256("[1, 3]") + ", expected "
                        + sha256(A) + "), " + dir.resolve("model/b.bin") + " (sha256 " + sha256("") + ", expected "
                        + sha256(B) + ") are corrupt: delete them (or the directory " + dir + ") and run again to fetch"
                        + " @scope/pkg@1.0.0 anew, or point FACENET_MODEL_CACHE (--model-cache) at an intact copy");
    }

    @Test
    void onlyTheNeededFilesMustBeThere() throws IOException {
        Path dir = filled("partial", Map.of("model/a.json", A));
        String missing = tmp.resolve("no-such-npm").toString();
        NpmPackCache offline = new NpmPackCache(missing, Duration.ofSeconds(5));
        assertThat(offline.fetch(pkg("a".repeat(64)), dir, List.of("model/a.json"))).isEqualTo(dir);
        assertThatThrownBy(() -> offline.fetch(pkg("a".repeat(64)), dir, BOTH))
                .isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("install Node.js with npm; or put model/b.bin of @scope/pkg@1.0.0 into " + dir
                        + " (or set FACENET_MODEL_CACHE)");
    }

    @Test
    void fetchingForAMissingFileAlsoReplacesACorruptOne() throws IOException {
        Path tgz = tarball(files());
        Path dir = filled("mend", Map.of("model/a.json", "[1, 3]"));
        new NpmPackCache(fakeNpm(tgz, 0), Duration.ofSeconds(30)).fetch(pkg(NpmPackCache.sha256(tgz)), dir, BOTH);
        assertThat(Files.readString(dir.resolve("model/a.json"))).isEqualTo(A);
        assertThat(Files.readString(dir.resolve("model/b.bin"))).isEqualTo(B);
    }

    @Test
    void aFileThePackageDoesNotPinIsAProgrammingError() {
        assertThatThrownBy(() -> new NpmPackCache("npm", Duration.ofSeconds(5))
                .fetch(pkg("a".repeat(64)), tmp, List.of("model/c.bin")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("@scope/pkg@1.0.0 pins no file 'model/c.bin'; it pins model/a.json, model/b.bin");
    }

    @Test
    void everyFileNeedsAPin() {
        assertThatThrownBy(() -> new NpmPackage("p", "1.0.0", "a".repeat(64), Map.of("model/a.json", "abc")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("sha256 of model/a.json must be 64 lower-case hex digits, got 'abc'");
    }

    @Test
    void checksumMismatchIsRejectedAndNothingIsKept() throws IOException {
        Path tgz = tarball(files());
        Path dir = tmp.resolve("c");
        String actual = NpmPackCache.sha256(tgz);
        assertThatThrownBy(() -> new NpmPackCache(fakeNpm(tgz, 0), Duration.ofSeconds(30)).fetch(pkg("a".repeat(64)), dir, BOTH))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Checksum mismatch for @scope/pkg@1.0.0: expected " + "a".repeat(64) + ", got " + actual
                        + "; the package was not used");
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void noNpmAndFailingNpmSayHowToProvideTheFiles() throws IOException {
        Path dir = tmp.resolve("d");
        String missing = tmp.resolve("no-such-npm").toString();
        assertThatThrownBy(() -> new NpmPackCache(missing, Duration.ofSeconds(5)).fetch(pkg("a".repeat(64)), dir, BOTH))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("Cannot run '" + missing + "' to fetch @scope/pkg@1.0.0 (")
                .hasMessageEndingWith("install Node.js with npm; or put model/a.json, model/b.bin of @scope/pkg@1.0.0"
                        + " into " + dir + " (or set FACENET_MODEL_CACHE)");
        assertThatThrownBy(() -> new NpmPackCache(fakeNpm(null, 1), Duration.ofSeconds(5)).fetch(pkg("a".repeat(64)), dir, BOTH))
                .isInstanceOf(BadInputException.class)
                .hasMessage("npm pack @scope/pkg@1.0.0 failed with exit code 1 (npm ERR! code ENOTFOUND; no network?);"
                        + " or put model/a.json, model/b.bin of @scope/pkg@1.0.0 into " + dir
                        + " (or set FACENET_MODEL_CACHE)");
    }

    @Test
    void tarballWithoutAnEntryIsRejected() throws IOException {
        Map<String, String> files = files();
        files.remove("package/model/b.bin");
        Path tgz = tarball(files);
        assertThatThrownBy(() -> new NpmPackCache(fakeNpm(tgz, 0), Duration.ofSeconds(30))
                .fetch(pkg(NpmPackCache.sha256(tgz)), tmp.resolve("e"), BOTH))
                .isInstanceOf(BadInputException.class).hasMessage("@scope/pkg@1.0.0 does not contain [model/b.bin]");
    }

    @Test
    void defaultDirectoryHonoursTheEnvironment() {
        NpmPackage p = FaceApiPack.PACKAGE;
        assertThat(NpmPackCache.defaultDirectory(p, Map.of(), Path.of("/home/u")))
                .isEqualTo(Path.of("/home/u/.cache/facenet4j/npm/face-api-1.7.15"));
        assertThat(NpmPackCache.defaultDirectory(p, Map.of("FACENET_MODEL_CACHE", "/m"), Path.of("/home/u")))
                .isEqualTo(Path.of("/m"));
    }
}
