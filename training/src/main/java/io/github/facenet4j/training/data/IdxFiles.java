package io.github.facenet4j.training.data;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.nn.TensorShape;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST (LeCun et al.; Xiao, Rasul,
 * Vollgraf 2017): a magic number {@code 00 00 TYPE RANK}, RANK big-endian 32-bit sizes,
 * then the values. Only unsigned bytes ({@code TYPE = 0x08}) are read: images have magic
 * {@code 0x00000803} (count × rows × columns), labels {@code 0x00000801} (count). Files may be
 * gzip-compressed (recognised by their first two bytes, not their name). The data must be
 * exactly as long as the header says. Every failure is a {@link BadInputException} with one
 * line naming the file.
 */
public final class IdxFiles {

    /** Magic number of an idx3-ubyte image file. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an idx1-ubyte label file. */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxFiles() {
    }

    /**
     * Images of an idx3-ubyte file.
     *
     * @param count   number of images
     * @param rows    height
     * @param columns width
     * @param pixels  count × rows × columns bytes, image after image, row after row
     */
    public record Images(int count, int rows, int columns, byte[] pixels) {
    }

    /** Reads an idx3-ubyte image file. */
    public static Images readImages(Path file) {
        return read(file, IMAGES_MAGIC, "image file (idx3-ubyte)", (in, dims) -> {
            long total = (long) dims[0] * dims[1] * dims[2];
            byte[] pixels = readData(in, file, total, dims[0] + " images of " + dims[1] + "×" + dims[2]);
            return new Images(dims[0], dims[1], dims[2], pixels);
        });
    }

    /** Reads an idx1-ubyte label file; each label is 0 … 255. */
    public static int[] readLabels(Path file) {
        return read(file, LABELS_MAGIC, "label file (idx1-ubyte)", (in, dims) -> {
            byte[] bytes = readData(in, file, dims[0], dims[0] + " labels");
            int[] labels = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                labels[i] = bytes[i] & 0xff;
            }
            return labels;
        });
    }

    /**
     * An image file with its label file as one grey-scale data set.
     *
     * @param names identity names by label, or {@code null} for the labels as text
     *              ({@code "0"} … the largest label)
     * @throws BadInputException if the counts differ or a label has no name
     */
    public static ByteImages read(Path images, Path labels, List<String> names, String description) {
        Images im = readImages(images);
        int[] lab = readLabels(labels);
        if (im.count() != lab.length) {
            throw new BadInputException(images + " has " + im.count() + " images but " + labels + " has "
                    + lab.length + " labels");
        }
        int max = -1;
        for (int label : lab) {
            max = Math.max(max, label);
        }
        List<String> identityNames = names;
        if (identityNames == null) {
            identityNames = new ArrayList<>();
            for (int i = 0; i <= max; i++) {
                identityNames.add(Integer.toString(i));
            }
        } else if (max >= identityNames.size()) {
            throw new BadInputException(labels + " has label " + max + ", but " + description + " has only "
                    + identityNames.size() + " classes");
        }
        return new ByteImages(new TensorShape(1, im.rows(), im.columns()), im.pixels(), lab, identityNames,
                description);
    }

    private interface Body<T> {
        T read(DataInputStream in, int[] dims) throws IOException;
    }

    private static <T> T read(Path file, int magic, String what, Body<T> body) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream stream = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
            DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
            int found;
            try {
                found = in.readInt();
            } catch (EOFException e) {
                throw new BadInputException(file + " is not an IDX " + what + ": it is shorter than a header");
            }
            if (found != magic) {
                throw new BadInputException(String.format("%s is not an IDX %s: magic number 0x%08x, expected 0x%08x",
                        file, what, found, magic));
            }
            int rank = magic & 0xff;
            int[] dims = new int[rank];
            for (int d = 0; d < rank; d++) {
                try {
                    dims[d] = in.readInt();
                } catch (EOFException e) {
                    throw new BadInputException(file + " is truncated: its header ends before size " + (d + 1)
                            + " of " + rank);
                }
                if (dims[d] <= 0) {
                    throw new BadInputException(file + " declares size " + Integer.toUnsignedString(dims[d])
                            + " for dimension " + (d + 1) + "; sizes must be between 1 and " + Integer.MAX_VALUE);
                }
            }
            return body.read(in, dims);
        } catch (NoSuchFileException e) {
            throw new BadInputException("IDX file not found: " + file);
        } catch (ZipException e) {
            throw new BadInputException(file + " is not a valid gzip file: " + e.getMessage());
        } catch (EOFException e) {
            throw new BadInputException(file + " is truncated (the gzip stream ends early)");
        } catch (IOException e) {
            throw new BadInputException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readData(InputStream in, Path file, long total, String announced) throws IOException {
        if (total > Integer.MAX_VALUE - 8) {
            throw new BadInputException(file + " announces " + announced + " (" + total
                    + " bytes), more than one array can hold");
        }
        byte[] data = new byte[(int) total];
        int read = in.readNBytes(data, 0, data.length);
        if (read < data.length) {
            throw new BadInputException(file + " is truncated: its header announces " + announced + " ("
                    + total + " bytes) but only " + read + " bytes follow");
        }
        if (in.read() != -1) {
            throw new BadInputException(file + " has data past the " + announced + " its header announces");
        }
        return data;
    }
}
