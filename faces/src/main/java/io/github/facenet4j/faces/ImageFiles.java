package io.github.facenet4j.faces;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.faces.internal.ImageDecoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * {@link ImageLimits} before any pixel is decoded. Every problem (missing, unreadable, empty,
 * not an image, too large, truncated or corrupt) is one {@link BadInputException} line that
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
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(limits, "limits");
        if (!Files.exists(file)) {
            throw new BadInputException("No such file: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + " is a directory, not an image file");
        }
        if (!Files.isReadable(file)) {
            throw unreadable(file);
        }
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            return ImageDecoder.decode(in, file.toString(), limits);
        } catch (IOException e) {
            // Opening can still fail (permissions changed, a special file); closing never matters.
            throw e instanceof AccessDeniedException || String.valueOf(e.getMessage()).contains("Permission denied")
                    ? unreadable(file)
                    : new BadInputException("Cannot read " + file + ": " + e.getMessage());
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

    private static BadInputException unreadable(Path file) {
        return new BadInputException("Cannot read " + file + ": permission denied; check the file's permissions");
    }
}
