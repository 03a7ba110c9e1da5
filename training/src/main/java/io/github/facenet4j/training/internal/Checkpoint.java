package io.github.facenet4j.training.internal;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.TrainableEmbedder;
import io.github.facenet4j.api.json.Json;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A training checkpoint: one zip file with {@value #TRAINER} (the trainer's state as JSON:
 * step, seed, sampler state, configuration, detector counts) and {@value #EMBEDDER} (what
 * {@link TrainableEmbedder#writeState} wrote: weights and optimiser state), followed by a
 * {@link ChecksumFooter} (magic, version, length and CRC-32 of the zip), as Lucene's codec
 * files end with one. Written to a temporary file beside the target, synced, then moved over
 * the target atomically, so a crash leaves either the old checkpoint or the new one, never
 * half of one; every read checks the footer first, so a file cut short or changed on disk is
 * refused with one line instead of restoring garbage weights.
 */
public final class Checkpoint {

    /** Entry holding the trainer's state. */
    public static final String TRAINER = "trainer.json";
    /** Entry holding the embedder's state. */
    public static final String EMBEDDER = "embedder.state";

    private Checkpoint() {
    }

    /** Writes {@code trainer} and the embedder's state to {@code file}, atomically. */
    public static void write(Path file, Map<String, Object> trainer, TrainableEmbedder embedder) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileOutputStream stream = new FileOutputStream(temp.toFile())) {
                ChecksumFooter.Summing content = new ChecksumFooter.Summing(stream);
                ZipOutputStream zip = new ZipOutputStream(content);
                zip.putNextEntry(new ZipEntry(TRAINER));
                zip.write(Json.write(trainer).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(EMBEDDER));
                embedder.writeState(unclosable(zip));
                zip.closeEntry();
                zip.finish();
                zip.flush();
                stream.write(content.footer());
                stream.getFD().sync();
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the write failure is what the user needs to hear
            }
            throw new BadInputException("Cannot write the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The trainer's state in {@code file}.
     *
     * @throws BadInputException if the file is missing, not a checkpoint, or damaged (its checksum
     *                           does not match)
     */
    public static Map<String, Object> readTrainer(Path file) {
        ChecksumFooter.verify(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(TRAINER);
            if (entry == null || zip.getEntry(EMBEDDER) == null) {
                throw new BadInputException(file + " is not a facenet4j training checkpoint (no " + TRAINER + " or "
                        + EMBEDDER + ")");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("The checkpoint " + file + " is corrupt: " + TRAINER + ": " + e.getMessage());
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException("Checkpoint not found: " + file);
        } catch (ZipException e) {
            throw new BadInputException(file + " is not a facenet4j training checkpoint (not a zip file)");
        } catch (IOException e) {
            if (!Files.exists(file)) {
                throw new BadInputException("Checkpoint not found: " + file);
            }
            throw new BadInputException("Cannot read the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Restores the embedder's state from {@code file}, after checking its checksum. */
    public static void restoreEmbedder(Path file, TrainableEmbedder embedder) {
        ChecksumFooter.verify(file);
        try (ZipFile zip = new ZipFile(file.toFile());
             InputStream in = zip.getInputStream(zip.getEntry(EMBEDDER))) {
            embedder.readState(in);
        } catch (IOException e) {
            throw new BadInputException("Cannot restore the network from the checkpoint " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** A sink that ignores close, for code that closes the stream it was given. */
    static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
