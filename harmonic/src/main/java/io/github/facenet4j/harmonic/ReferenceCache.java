package io.github.facenet4j.harmonic;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A file of {@link ReferenceEmbeddings}: a header with their {@link ReferenceKey}, then the rows
 * as big-endian floats. A file is used only for the key it was written for: a run whose
 * reference model, training set or images differ is refused rather than trained on embeddings
 * of something else. Written through a temporary file and a move, so a reader never sees half.
 */
public final class ReferenceCache {

    /** The cache's name in a training output directory. */
    public static final String FILE_NAME = "reference-embeddings.bin";

    private static final String MAGIC = "facenet4j-reference-embeddings";
    private static final int VERSION = 1;

    private ReferenceCache() {
    }

    /** The embeddings in {@code file} for {@code key}, or else {@code compute}'s, written there. */
    public static ReferenceEmbeddings readOrCompute(Path file, ReferenceKey key, Supplier<ReferenceEmbeddings> compute) {
        Optional<ReferenceEmbeddings> cached = read(file, key);
        if (cached.isPresent()) {
            return cached.get();
        }
        ReferenceEmbeddings computed = compute.get();
        if (!computed.key().equals(key)) {
            throw new IllegalArgumentException("computed embeddings are for " + computed.key() + ", not " + key);
        }
        write(file, computed);
        return computed;
    }

    /**
     * The embeddings in {@code file}; empty when there is no such file.
     *
     * @throws ConfigurationException if the file was written for another key (stale)
     * @throws BadInputException      if it cannot be read or is not such a file
     */
    public static Optional<ReferenceEmbeddings> read(Path file, ReferenceKey expected) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
                throw new BadInputException(file + " is not a version " + VERSION + " reference-embeddings file; delete"
                        + " it and train again");
            }
            ReferenceKey key = new ReferenceKey(in.readUTF(), in.readUTF(), in.readUTF(), in.readInt(), in.readInt());
            String difference = key.difference(expected);
            if (difference != null) {
                throw new ConfigurationException("The reference embeddings cached in " + file + " are stale ("
                        + difference + "); delete the file or train into a fresh --out directory");
            }
            float[][] rows = new float[key.images()][key.dimension()];
            for (float[] row : rows) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = in.readFloat();
                }
            }
            if (in.read() != -1) {
                throw new BadInputException(file + " holds more than its header says; delete it and train again");
            }
            return Optional.of(new ReferenceEmbeddings(key, rows));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (EOFException e) {
            throw new BadInputException(file + " is cut short; delete it and train again");
        } catch (IOException e) {
            throw new BadInputException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code embeddings} to {@code file}, replacing it. */
    public static void write(Path file, ReferenceEmbeddings embeddings) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        ReferenceKey key = embeddings.key();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16))) {
            out.writeUTF(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(key.model());
            out.writeUTF(key.dataset());
            out.writeUTF(key.imagesSha256());
            out.writeInt(key.images());
            out.writeInt(key.dimension());
            for (float[] row : embeddings.rows()) {
                for (float v : row) {
                    out.writeFloat(v);
                }
            }
        } catch (IOException e) {
            throw new BadInputException("Cannot write " + temp + ": " + e.getMessage(), e);
        }
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BadInputException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
