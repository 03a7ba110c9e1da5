package io.github.facenet4j.distribution.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folders a run leaves in {@code java.io.tmpdir} and how they go away. Felix's cache
 * folder is named {@code facenet4j-felix-PID-…} after the process that owns it: it is deleted
 * on close and by a shutdown hook (Ctrl-C, {@code kill}), and one whose process is gone
 * ({@code kill -9}, a crash) is swept when the next runtime starts; a folder of a live
 * process is never touched. ONNX Runtime extracts its native libraries into a folder
 * {@code onnxruntime-java…} and leaves it behind empty; the sweep deletes those that are
 * empty and older than {@link #ORT_GRACE} (a process still extracting has written into
 * its folder within seconds; an empty folder holds nothing to lose).
 */
final class TemporaryFolders {

    static final String FELIX_PREFIX = "facenet4j-felix-";
    static final Duration ORT_GRACE = Duration.ofMinutes(1);
    private static final Pattern FELIX = Pattern.compile(Pattern.quote(FELIX_PREFIX) + "(\\d+)-.*");

    private TemporaryFolders() {
    }

    static Path root() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** A new Felix cache folder in {@code root} owned by this process. */
    static Path createFelixStorage(Path root) throws IOException {
        return Files.createTempDirectory(root, FELIX_PREFIX + ProcessHandle.current().pid() + "-");
    }

    /** The pid that owns a Felix cache folder of this name, if it is one. */
    static Optional<Long> felixOwner(String name) {
        Matcher m = FELIX.matcher(name);
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    /**
     * Deletes, in {@code root}, the Felix cache folders whose owning process has ended and
     * the empty ONNX Runtime folders older than the grace time. Best effort: what cannot be
     * deleted (another user's folder) stays.
     */
    static void sweep(Path root) {
        Instant old = Instant.now().minus(ORT_GRACE);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root,
                entry -> entry.getFileName().toString().startsWith(FELIX_PREFIX)
                        || entry.getFileName().toString().startsWith("onnxruntime-java"))) {
            for (Path entry : entries) {
                if (!Files.isDirectory(entry)) {
                    continue;
                }
                Optional<Long> owner = felixOwner(entry.getFileName().toString());
                if (owner.isPresent()) {
                    if (ProcessHandle.of(owner.get()).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                    deleteRecursively(entry);
                } else if (entry.getFileName().toString().startsWith("onnxruntime-java") && isEmpty(entry)
                        && Files.getLastModifiedTime(entry).toInstant().isBefore(old)) {
                    Files.deleteIfExists(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a folder left behind is harmless; the next start tries again
        }
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.findAny().isEmpty();
        }
    }

    static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // A leftover temporary directory is harmless; the sweep retries it.
        }
    }
}
