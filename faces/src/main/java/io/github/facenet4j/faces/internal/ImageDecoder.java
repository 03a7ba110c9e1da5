package io.github.facenet4j.faces.internal;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.faces.ImageLimits;
import io.github.facenet4j.faces.RgbImage;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one JPEG, PNG or BMP image from a stream with ImageIO: recognises the format from
 * its first bytes, checks the header's size against {@link ImageLimits} before any pixel is
 * decoded, treats reader warnings that mean lost data as errors, converts to {@link RgbImage}
 * and applies a JPEG's EXIF orientation. Every failure is one {@link BadInputException} line.
 */
public final class ImageDecoder {

    private static final String TWELVEMONKEYS = "com.twelvemonkeys.";

    /** Whether {@link ImageIO#scanForPlugins()} already ran on behalf of this class. */
    private static volatile boolean scanned;

    private ImageDecoder() {
    }

    /** The formats read, with the name ImageIO knows each by. */
    enum Format {
        JPEG("jpeg"), PNG("png"), BMP("bmp");

        final String imageIoName;

        Format(String imageIoName) {
            this.imageIoName = imageIoName;
        }
    }

    /**
     * Decodes the image in {@code in}; {@code name} (a path or a caller's label) starts every
     * message. The caller closes {@code in}.
     */
    public static RgbImage decode(ImageInputStream in, String name, ImageLimits limits) {
        Format format = sniff(in, name);
        int orientation;
        try {
            orientation = format == Format.JPEG ? Exif.jpegOrientation(in) : Exif.UPRIGHT;
        } catch (IOException e) {
            throw corrupt(name, detail(e));
        }
        BufferedImage image = read(in, format, name, limits);
        try {
            return Orientation.apply(ToRgb.convert(image), orientation);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(name);
        }
    }

    /** Size check from the header, then the pixels; the reader is disposed before conversion. */
    private static BufferedImage read(ImageInputStream in, Format format, String name, ImageLimits limits) {
        ImageReader reader = reader(format, name);
        try {
            in.seek(0);
            reader.setInput(in);
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width * height > limits.maxPixels()) {
                throw new BadInputException(name + ": image is " + width + "×" + height + " (" + size(width * height)
                        + "), above the limit of " + size(limits.maxPixels()) + "; downscale it first");
            }
            List<String> damage = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> {
                if (meansDamage(warning)) {
                    damage.add(warning);
                }
            });
            BufferedImage image = reader.read(0, reader.getDefaultReadParam());
            if (!damage.isEmpty()) {
                throw corrupt(name, damage.get(0));
            }
            return image;
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Readers fed damaged data also fail with runtime exceptions (index out of bounds, …).
            throw corrupt(name, detail(e));
        } catch (OutOfMemoryError e) {
            throw outOfMemory(name);
        } finally {
            reader.dispose();
        }
    }

    /** Recognises the format from its signature, so random data never reaches a lenient reader. */
    static Format sniff(ImageInputStream in, String name) {
        byte[] head = new byte[18];
        int n;
        try {
            in.seek(0);
            n = in.read(head);
            while (n >= 0 && n < head.length) {
                int more = in.read(head, n, head.length - n);
                if (more < 0) {
                    break;
                }
                n += more;
            }
            in.seek(0);
        } catch (IOException e) {
            throw new BadInputException("Cannot read " + name + ": " + detail(e));
        }
        if (n <= 0) {
            throw new BadInputException(name + " is empty (0 bytes)");
        }
        if (n >= 3 && u8(head, 0) == 0xFF && u8(head, 1) == 0xD8 && u8(head, 2) == 0xFF) {
            return Format.JPEG;
        }
        if (n >= 8 && startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Format.PNG;
        }
        // "BM", then the size of the DIB header at offset 14: one of the known BMP versions.
        if (n >= 18 && head[0] == 'B' && head[1] == 'M') {
            long dib = u8(head, 14) | u8(head, 15) << 8 | u8(head, 16) << 16 | (long) u8(head, 17) << 24;
            if (dib == 12 || dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108 || dib == 124) {
                return Format.BMP;
            }
        }
        String other = otherFormat(head, n);
        throw new BadInputException(name + " is not a JPEG, PNG or BMP image" + (other == null ? "" : " (it looks like "
                + other + ")") + "; convert it to one of those");
    }

    /** Names a few common formats this does not read, for a more useful message. */
    private static String otherFormat(byte[] head, int n) {
        if (n >= 4 && startsWith(head, 'G', 'I', 'F', '8')) {
            return "a GIF";
        }
        if (n >= 4 && (startsWith(head, 'I', 'I', 42, 0) || startsWith(head, 'M', 'M', 0, 42))) {
            return "a TIFF";
        }
        if (n >= 12 && startsWith(head, 'R', 'I', 'F', 'F') && head[8] == 'W' && head[9] == 'E' && head[10] == 'B'
                && head[11] == 'P') {
            return "a WebP";
        }
        if (n >= 12 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p') {
            return "a HEIC/AVIF";
        }
        return null;
    }

    /**
     * A reader for {@code format}. For JPEG the TwelveMonkeys reader is preferred: it converts
     * CMYK and YCCK files to sRGB with their embedded ICC profile (or a generic one), where the
     * JDK's reader has no CMYK conversion or, in older JDKs, refuses them. It registers itself through the service
     * loader; should ImageIO's registry have been filled before it was on the class path, one
     * {@link ImageIO#scanForPlugins()} brings it in.
     */
    private static ImageReader reader(Format format, String name) {
        List<ImageReader> readers = readers(format);
        if (format == Format.JPEG && readers.stream().noneMatch(ImageDecoder::isTwelveMonkeys) && !scanned) {
            synchronized (ImageDecoder.class) {
                if (!scanned) {
                    ImageIO.scanForPlugins();
                    scanned = true;
                }
            }
            readers.forEach(ImageReader::dispose);
            readers = readers(format);
        }
        if (readers.isEmpty()) {
            throw new BadInputException(name + ": this Java runtime has no ImageIO reader for " + format
                    + " images; use a full JDK or JRE");
        }
        ImageReader chosen = readers.stream().filter(ImageDecoder::isTwelveMonkeys).findFirst().orElse(readers.get(0));
        readers.stream().filter(r -> r != chosen).forEach(ImageReader::dispose);
        return chosen;
    }

    private static List<ImageReader> readers(Format format) {
        List<ImageReader> readers = new ArrayList<>();
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format.imageIoName); it.hasNext();) {
            readers.add(it.next());
        }
        return readers;
    }

    private static boolean isTwelveMonkeys(ImageReader reader) {
        return reader.getClass().getName().startsWith(TWELVEMONKEYS);
    }

    /**
     * Whether a reader warning means pixels were lost. libjpeg (inside the JDK reader, which
     * TwelveMonkeys delegates to) reports a cut file as "Premature end of JPEG file" or
     * "Corrupt JPEG data: premature end of data segment", ImageIO as "Truncated File - Missing
     * EOI marker". "Corrupt JPEG data: N extraneous bytes before marker" is the exception:
     * libjpeg skips junk between segments and the picture is intact. Warnings about missing or
     * invalid colour profiles are not damage either.
     */
    static boolean meansDamage(String warning) {
        String w = warning.toLowerCase(Locale.ROOT);
        return w.contains("truncated") || w.contains("premature end")
                || (w.startsWith("corrupt jpeg data") && !w.contains("extraneous bytes"));
    }

    private static BadInputException outOfMemory(String name) {
        return new BadInputException("Not enough memory to decode " + name + "; give Java more heap (-Xmx) or"
                + " downscale the image");
    }

    private static BadInputException corrupt(String name, String detail) {
        return new BadInputException(name + " is truncated or corrupt (" + detail + "); re-export or re-download it");
    }

    /** One line about {@code e} and its cause, which readers use for the actual reason. */
    private static String detail(Throwable e) {
        String text = e instanceof EOFException ? "unexpected end of file" : e.getMessage();
        if (text == null || text.isBlank()) {
            text = e.getClass().getSimpleName();
        }
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            text += ": " + detail(cause);
        }
        return text.replaceAll("\\s+", " ").trim();
    }

    /** "900 megapixels", "67.1 megapixels"; below one megapixel "10000 pixels". */
    private static String size(long pixels) {
        if (pixels < 1_000_000) {
            return pixels + " pixels";
        }
        String text = String.format(Locale.ROOT, "%.1f", pixels / 1e6);
        return (text.endsWith(".0") ? text.substring(0, text.length() - 2) : text) + " megapixels";
    }

    private static int u8(byte[] bytes, int k) {
        return Byte.toUnsignedInt(bytes[k]);
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        for (int k = 0; k < prefix.length; k++) {
            if (u8(bytes, k) != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}
