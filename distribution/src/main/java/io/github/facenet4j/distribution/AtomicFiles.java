package io.github.facenet4j.distribution;

import io.github.facenet4j.api.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes output files whole or not at all: to a temporary file beside the target, then an
 * atomic rename. A reader never sees half a file, and an earlier file survives a failed write.
 * A new file gets the mode the umask gives a plainly written one; a replaced file keeps its own.
 */
public final class AtomicFiles {

    private static final String TEMPORARY = ".tmp";
    /**
     * {@code .NAME.PID-UUID.tmp}: the writer's pid tells a later process whether the write can
     * still finish; the pid-less form is what earlier versions wrote.
     */
    private static final java.util.regex.Pattern TEMPORARY_NAME = java.util.regex.Pattern.compile(
            "\\.(.+)\\.(?:([0-9]+)-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

    private AtomicFiles() {
    }

    /**
     * Deletes in {@code folder} the temporary files of writes that never finished (the process
     * was killed between writing and renaming): those of ended processes, and those without a
     * pid (from earlier versions). Only for a folder the caller holds ({@link FolderLock}): a
     * pid-less one could still be another process's write in progress.
     */
    public static void deleteUnfinished(Path folder) {
        deleteTemporaries(folder, name -> true, pid -> pid == null || ended(pid));
    }

    /**
     * Deletes the temporary files that writes of {@code target} by processes that have ended left
     * beside it (killed between writing and renaming). Safe without a lock: a live writer's file
     * is kept, whoever it is.
     */
    static void deleteAbandoned(Path target) {
        String name = target.getFileName().toString();
        deleteTemporaries(target.getParent(), name::equals, pid -> pid != null && ended(pid));
    }

    private static boolean ended(long pid) {
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    private static void deleteTemporaries(Path folder, java.util.function.Predicate<String> ofTarget,
                                          java.util.function.Predicate<Long> writerEnded) {
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                java.util.regex.Matcher m = TEMPORARY_NAME.matcher(f.getFileName().toString());
                if (m.matches() && ofTarget.test(m.group(1))
                        && writerEnded.test(m.group(2) == null ? null : Long.valueOf(m.group(2)))) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // a leftover temporary file is harmless; the next writer tries again
        }
    }

    /** Writes {@code text} as UTF-8 to {@code file}, creating its directory. */
    public static void writeString(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} to {@code file}, creating its directory. */
    public static void write(Path file, byte[] bytes) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            // Not Files.createTempFile: it makes the file readable by its owner alone, and the
            // rename would hand that to the output; a plain new file gets the usual permissions.
            deleteAbandoned(target);
            Path temp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                    + UUID.randomUUID() + TEMPORARY);
            try {
                Files.write(temp, bytes, StandardOpenOption.CREATE_NEW);
                keepMode(target, temp);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new BadInputException("Cannot write " + file + ": " + reason(e), e);
        }
    }

    /** A file being replaced keeps its mode (a user's 0600 stays private, a shared 0664 shared). */
    private static void keepMode(Path target, Path temp) throws IOException {
        if (!Files.exists(target)
                || !target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
    }

    /**
     * Why a file operation failed, in words for a one-line message: "permission denied" and
     * "no such file or directory" for those errors (whose own message is just the path), the
     * operating system's reason or the exception's message otherwise.
     */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
