package io.github.facenet4j.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondHolderIsRefusedUntilTheFirstReleases() {
        Path folder = dir.resolve("out");
        try (FolderLock first = FolderLock.acquire(folder, "--out")) {
            assertThatThrownBy(() -> FolderLock.acquire(folder, "--out")).isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith("--out " + folder + " is in use by another facenet process (pid "
                            + ProcessHandle.current().pid() + ", started ")
                    .hasMessageEndingWith("); wait for it to end or stop it, or choose another --out");
        }
        FolderLock.acquire(folder, "--out").close();
        assertThat(folder.resolve(FolderLock.FILE_NAME)).isRegularFile();
    }

    @Test
    void lockingDeletesUnfinishedAtomicWritesAndNothingElse() throws Exception {
        Path unfinished = Files.writeString(dir.resolve(".model.onnx.0b7e5a52-3f0c-4a4e-9a51-6f1d2c3b4a59.tmp"), "x");
        Path user = Files.writeString(dir.resolve("notes.tmp"), "mine");
        Path model = Files.writeString(dir.resolve("model.onnx"), "m");
        Path inProgress = Files.writeString(dir.resolve(".e.csv." + ProcessHandle.current().pid()
                + "-0b7e5a52-3f0c-4a4e-9a51-6f1d2c3b4a59.tmp"), "a live writer's");
        FolderLock.acquire(dir, "--out").close();
        assertThat(unfinished).doesNotExist();
        assertThat(inProgress).as("a live process's write in progress is kept").exists();
        assertThat(user).hasContent("mine");
        assertThat(model).hasContent("m");
    }

    @Test
    void aFolderThatCannotBeCreatedIsOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> FolderLock.acquire(file.resolve("out"), "--out"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("Cannot lock --out " + file.resolve("out") + " (");
    }
}
