package io.github.facenet4j.distribution;

import io.github.facenet4j.api.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * An exclusive lock on an output folder, held by one process while it writes there: a second
 * writer is refused with one line naming the holder. The lock is the operating system's
 * ({@link FileChannel#tryLock()}) on the file {@value #FILE_NAME} in the folder, so it goes
 * with the process: a process killed with {@code kill -9} leaves no lock behind. The file
 * stays (deleting it would let two processes lock two different files of that name); it
 * holds the pid and start time of the last holder, for the message. Once locked, the
 * unfinished temporary files of an earlier writer that was killed are deleted.
 */
public final class FolderLock implements AutoCloseable {

    /** The lock file in a locked folder. */
    public static final String FILE_NAME = ".facenet.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code folder} (creating it) for {@code command}, or refuses.
     *
     * @param option how the user named the folder, for the message (e.g. {@code --out})
     * @throws BadInputException if another process holds the folder, or it cannot be created
     */
    public static FolderLock acquire(Path folder, String option) {
        Path file = folder.resolve(FILE_NAME);
        FileChannel channel;
        try {
            Files.createDirectories(folder);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new BadInputException("Cannot lock " + option + " " + folder + " (" + file + "): "
                    + AtomicFiles.reason(e) + "; check the folder's permissions");
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldHere) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new BadInputException(option + " " + folder + " is in use by another facenet process"
                        + (holder.isEmpty() ? "" : " (" + holder + ")")
                        + "; wait for it to end or stop it, or choose another " + option);
            }
            ProcessHandle self = ProcessHandle.current();
            String me = "pid " + self.pid() + ", started " + self.info().startInstant().orElse(Instant.now());
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            AtomicFiles.deleteUnfinished(folder);
            return new FolderLock(channel, lock);
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock goes with the channel
            }
            throw new BadInputException("Cannot lock " + option + " " + folder + " (" + file + "): "
                    + AtomicFiles.reason(e));
        }
    }

    /** What the holder wrote into the lock file ("pid N, started T"), or "" if unknown. */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(256);
            channel.read(buffer, 0);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the lock; the process ending does too
        }
    }
}
