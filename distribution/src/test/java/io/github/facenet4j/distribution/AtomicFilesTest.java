package io.github.facenet4j.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesTheWholeTextCreatingDirectoriesAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("a/b/out.html");
        AtomicFiles.writeString(file, "first");
        AtomicFiles.writeString(file, "second ±");
        assertThat(Files.readString(file)).isEqualTo("second ±");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aWriteDeletesWhatAKilledWriterOfTheSameFileLeftAndKeepsALiveWritersFile() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        long live = ProcessHandle.current().pid();
        String uuid = "0123abcd-0000-4000-8000-00000000beef";
        Path killed = Files.writeString(dir.resolve(".e.csv." + ended.pid() + "-" + uuid + ".tmp"), "half");
        Path inProgress = Files.writeString(dir.resolve(".e.csv." + live + "-" + uuid + ".tmp"), "half");
        Path otherTarget = Files.writeString(dir.resolve(".f.csv." + ended.pid() + "-" + uuid + ".tmp"), "half");
        Path noPid = Files.writeString(dir.resolve(".e.csv." + uuid + ".tmp"), "unknown writer");

        AtomicFiles.writeString(dir.resolve("e.csv"), "whole");

        assertThat(killed).doesNotExist();
        assertThat(inProgress).exists();
        assertThat(otherTarget).as("another file's leftovers wait for a write of that file").exists();
        assertThat(noPid).as("without a pid the writer may be alive: only a lock holder deletes it").exists();
        assertThat(dir.resolve("e.csv")).hasContent("whole");
    }

    @Test
    void outputGetsThePermissionsOfAPlainlyWrittenFile() throws IOException {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path atomic = dir.resolve("atomic.txt");
        AtomicFiles.writeString(atomic, "x");
        assertThat(Files.getPosixFilePermissions(atomic)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aReplacedFileKeepsItsMode() throws IOException {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        for (String mode : new String[] {"rw-r--r--", "rw-------", "rw-rw-r--"}) {
            Path file = Files.writeString(dir.resolve("card-" + mode + ".json"), "old");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            AtomicFiles.writeString(file, "new");
            assertThat(Files.readString(file)).isEqualTo("new");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo(mode);
        }
    }

    @Test
    void failuresSayWhyInWordsNotAsABarePath() {
        // what the JDK throws for EACCES and ENOENT: the message is only the path
        assertThat(AtomicFiles.reason(new AccessDeniedException("/x/card.json"))).isEqualTo("permission denied");
        assertThat(AtomicFiles.reason(new NoSuchFileException("/x/card.json"))).isEqualTo("no such file or directory");
        assertThat(AtomicFiles.reason(new FileSystemException("/x", null, "Read-only file system")))
                .isEqualTo("Read-only file system");
        assertThat(AtomicFiles.reason(new IOException("disk on fire"))).isEqualTo("disk on fire");
    }

    @Test
    void aDirectoryInTheWayIsOneLine() throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "x");
        assertThatThrownBy(() -> AtomicFiles.writeString(blocker.resolve("out.html"), "x"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("Cannot write " + blocker.resolve("out.html") + ": ");
    }
}
