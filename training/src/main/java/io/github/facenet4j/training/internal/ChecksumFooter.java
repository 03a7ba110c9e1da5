package io.github.facenet4j.training.internal;

import io.github.facenet4j.api.BadInputException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * The {@value #LENGTH} bytes that end a {@link Checkpoint} file, after its zip content, so that a
 * file cut short or changed on disk is refused before anything in it is trusted (Lucene's codec
 * files end with such a footer for the same reason). Big-endian:
 * <pre>
 *   magic    8 bytes  "fn4jckpt"
 *   version  4 bytes  1
 *   length   8 bytes  bytes of content before the footer
 *   crc32    4 bytes  CRC-32 of those bytes
 * </pre>
 * A file without the footer that is a whole zip (it ends with the zip's end record) is a
 * checkpoint written before footers existed and is read as it is.
 */
final class ChecksumFooter {

    static final int LENGTH = 24;
    static final int VERSION = 1;
    private static final long MAGIC = 0x666e346a636b7074L; // "fn4jckpt"
    private static final int ZIP_LOCAL_HEADER = 0x04034b50; // "PK\3\4", little-endian
    private static final int ZIP_END_RECORD = 0x06054b50; // "PK\5\6", little-endian
    private static final int ZIP_END_RECORD_LENGTH = 22;

    private ChecksumFooter() {
    }

    /** Passes bytes on while summing them; {@link #footer()} then ends the file. */
    static final class Summing extends FilterOutputStream {
        private final CRC32 crc = new CRC32();
        private long length;

        Summing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            crc.update(b);
            length++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            crc.update(b, off, len);
            length += len;
        }

        /** The footer of what was written so far. */
        byte[] footer() {
            return ByteBuffer.allocate(LENGTH).putLong(MAGIC).putInt(VERSION).putLong(length)
                    .putInt((int) crc.getValue()).array();
        }
    }

    /**
     * Checks that {@code file} ends with a footer whose length and checksum match its content
     * (or is a whole zip written before footers).
     *
     * @throws BadInputException one line: not found, not a checkpoint, or damaged and what to do
     */
    static void verify(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer start = read(channel, 0, (int) Math.min(4, size));
            boolean zip = start.remaining() == 4 && start.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(0)
                    == ZIP_LOCAL_HEADER;
            ByteBuffer footer = size >= LENGTH ? read(channel, size - LENGTH, LENGTH) : ByteBuffer.allocate(0);
            if (footer.remaining() < LENGTH || footer.getLong(0) != MAGIC) {
                if (!zip) {
                    throw new BadInputException(file + " is not a facenet4j training checkpoint (not a zip file)");
                }
                if (!endsWithZipEndRecord(channel, size)) {
                    throw damaged(file, "no checksum footer: the file is cut short");
                }
                return; // a whole zip from before footers
            }
            int version = footer.getInt(8);
            if (version != VERSION) {
                throw new BadInputException(file + " is a version " + version + " facenet4j training checkpoint;"
                        + " this facenet4j reads version " + VERSION + ": resume it with the facenet4j that wrote it");
            }
            long length = footer.getLong(12);
            if (length != size - LENGTH) {
                throw damaged(file, "checksum footer over " + length + " bytes, the file holds " + (size - LENGTH));
            }
            int expected = footer.getInt(20);
            int actual = crc(file, length);
            if (actual != expected) {
                throw damaged(file, String.format(Locale.ROOT, "checksum %08x, the footer says %08x", actual,
                        expected));
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException("Checkpoint not found: " + file);
        } catch (IOException e) {
            throw new BadInputException("Cannot read the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static BadInputException damaged(Path file, String why) {
        return new BadInputException("Checkpoint " + file + " is damaged (" + why + "); delete it to train that run again"
                + " from step 0, or train into another output directory");
    }

    private static boolean endsWithZipEndRecord(FileChannel channel, long size) throws IOException {
        // the zip writer of this class never writes an archive comment: the end record is the last 22 bytes
        if (size < ZIP_END_RECORD_LENGTH) {
            return false;
        }
        ByteBuffer end = read(channel, size - ZIP_END_RECORD_LENGTH, 4);
        return end.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(0) == ZIP_END_RECORD;
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.flip();
    }

    private static int crc(Path file, long length) throws IOException {
        CRC32 crc = new CRC32();
        byte[] chunk = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            long left = length;
            while (left > 0) {
                int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
                if (n < 0) {
                    break;
                }
                crc.update(chunk, 0, n);
                left -= n;
            }
        }
        return (int) crc.getValue();
    }
}
