package io.github.facenet4j.faces;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.faces.internal.ImageDecoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessMode;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads JPEG, PNG and BMP images into upright 8-bit {@link RgbImage}s.
 *
 * <ul>
 *   <li>JPEG: baseline and progressive, greyscale, and CMYK or YCCK (Adobe) files through the
 *       TwelveMonkeys ImageIO reader; the EXIF Orientation tag (all eight values) is applied.
 *   <li>PNG: 1 to 16 bits per sample, palette, grey, RGB, with or without alpha.
 *   <li>BMP: the versions and depths the JDK's reader supports.
 * </ul>
 *
 * <p>16-bit samples are rounded to 8 bits; grey is repeated into R, G and B; transparent
 * pixels are composited over white. The size the header declares is checked against
 * {@link ImageLimits} before any pixel is decoded. Every problem (missing, a directory, a pipe or
 * device, unreadable, empty, not an image, too large, truncated or corrupt) is one {@link BadInputException} line that
 * names the file and says what to do; a JPEG whose decoder reports lost data (a cut file) is
 * refused rather than returned half grey.
 */
public final class ImageFiles {

    private ImageFiles() {
    }

    /** Reads {@code file} with {@link ImageLimits#defaults()}. */
    public static RgbImage read(Path file) {
        return read(file, ImageLimits.defaults());
    }

    /** Reads {@code file}; the file is streamed, not loaded whole into memory. */
    public static RgbImage read(Path file, ImageLimits limits) {
        return read(file, limits, ImageFiles::open);
    }

    /**
     * How {@link #read(Path, ImageLimits)} opens a file. Package-private so that a test can make
     * opening fail as the JDK does for EACCES, which a process running as root never meets.
     */
    interface Opener {
        ImageInputStream open(Path file) throws IOException;
    }

    /**
     * Opens {@code file} for random access, after asking the file system whether this process
     * may read it: that answer is an {@link AccessDeniedException} for EACCES, whatever the
     * locale, where opening alone gives a FileNotFoundException with the system's wording.
     */
    private static ImageInputStream open(Path file) throws IOException {
        file.getFileSystem().provider().checkAccess(file, AccessMode.READ);
        return new FileImageInputStream(file.toFile());
    }

    static RgbImage read(Path file, ImageLimits limits, Opener opener) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(limits, "limits");
        if (!Files.exists(file)) {
            throw new BadInputException("No such file: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + " is a directory, not an image file");
        }
        if (!Files.isRegularFile(file)) {
            // a FIFO would block the open until something writes to it; a device may never end
            throw new BadInputException(file + " is not a regular file (a pipe, device or socket); give an image"
                    + " file");
        }
        try (ImageInputStream in = opener.open(file)) {
            return ImageDecoder.decode(in, file.toString(), limits);
        } catch (AccessDeniedException e) {
            throw new BadInputException("Cannot read " + file + ": permission denied; check the file's permissions");
        } catch (IOException e) {
            // a special file, or the disk failing; closing never matters
            throw new BadInputException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Decodes an image held in memory; {@code name} (a file name, a URL, a label) starts
     * every error message.
     */
    public static RgbImage decode(byte[] bytes, String name, ImageLimits limits) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(limits, "limits");
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            return ImageDecoder.decode(in, name, limits);
        } catch (IOException e) {
            throw new BadInputException("Cannot read " + name + ": " + e.getMessage()); // closing a memory stream
        }
    }
}
