package io.github.facenet4j.distribution.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporaryFoldersTest {

    @TempDir
    Path tmp;

    @Test
    void theSweepDeletesFoldersOfEndedProcessesAndEmptyOldOrtFoldersOnly() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path dead = Files.createDirectories(tmp.resolve("facenet4j-felix-" + ended.pid() + "-123"));
        Files.writeString(Files.createDirectories(dead.resolve("bundle1")).resolve("bundle.jar"), "x");
        Path live = TemporaryFolders.createFelixStorage(tmp);
        Path unknown = Files.createDirectories(tmp.resolve("facenet4j-felix-8812345"));
        Path oldEmptyOrt = Files.createDirectories(tmp.resolve("onnxruntime-java123"));
        Files.setLastModifiedTime(oldEmptyOrt, FileTime.from(Instant.now().minusSeconds(120)));
        Path newEmptyOrt = Files.createDirectories(tmp.resolve("onnxruntime-java456"));
        Path fullOrt = Files.createDirectories(tmp.resolve("onnxruntime-java789"));
        Files.writeString(fullOrt.resolve("libonnxruntime.so"), "x");
        Files.setLastModifiedTime(fullOrt, FileTime.from(Instant.now().minusSeconds(120)));

        TemporaryFolders.sweep(tmp);

        assertThat(dead).doesNotExist();
        assertThat(oldEmptyOrt).doesNotExist();
        assertThat(live).isDirectory();
        assertThat(unknown).isDirectory();
        assertThat(newEmptyOrt).isDirectory();
        assertThat(fullOrt).isDirectory();
        assertThat(TemporaryFolders.felixOwner(live.getFileName().toString()))
                .contains(ProcessHandle.current().pid());
        assertThat(TemporaryFolders.felixOwner("facenet4j-felix-8812345")).isEmpty();
    }
}
