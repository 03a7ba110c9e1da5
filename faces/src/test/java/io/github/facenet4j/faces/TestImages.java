package io.github.facenet4j.faces;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Builds test inputs in code: patterns, encoded files, hand-made EXIF segments. */
final class TestImages {

    private TestImages() {
    }

    /** A smooth, asymmetric RGB pattern that JPEG keeps close to exact. */
    static BufferedImage gradient(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 255 * x / (w - 1);
                int g = 255 * y / (h - 1);
                int b = 64 + 127 * (x + y) / (w + h - 2);
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    /** Colour of cell (cx, cy) in {@link #cells}: all distinct and far apart. */
    static int cellColour(int cx, int cy) {
        int r = 30 + 70 * cx;
        int g = 30 + 100 * cy;
        int b = (cx + cy) % 2 == 0 ? 40 : 220;
        return r << 16 | g << 8 | b;
    }

    /** Flat 16×16 cells in distinct colours, {@code cols × rows} of them. */
    static BufferedImage cells(int cols, int rows) {
        BufferedImage image = new BufferedImage(16 * cols, 16 * rows, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, cellColour(x / 16, y / 16));
            }
        }
        return image;
    }

    /** Noise: JPEG needs many bytes of scan data for it, so a cut lands inside the scan. */
    static BufferedImage noise(int w, int h, long seed) {
        java.util.Random random = new java.util.Random(seed);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] jpeg(BufferedImage image, float quality, boolean progressive) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * An APP1 Exif segment whose IFD0 holds a Make tag (pointing at text after the IFD) and
     * then the Orientation tag, in the given byte order. Built from the EXIF 2.32 layout:
     * "Exif\0\0", TIFF header, entry count, 12-byte entries, next-IFD offset.
     */
    static byte[] exifSegment(int orientation, boolean littleEndian) {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        Writer w = new Writer(tiff, littleEndian);
        tiff.writeBytes(littleEndian ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'});
        w.u16(42);
        w.u32(8); // IFD0 right after the header
        w.u16(2); // two entries
        w.u16(0x010F); // Make, ASCII, 5 bytes, stored at offset 8 + 2 + 24 + 4 = 38
        w.u16(2);
        w.u32(5);
        w.u32(38);
        w.u16(0x0112); // Orientation, SHORT, 1 value, left-justified in the 4-byte field
        w.u16(3);
        w.u32(1);
        w.u16(orientation);
        w.u16(0);
        w.u32(0); // no IFD1
        tiff.writeBytes(new byte[] {'T', 'e', 's', 't', 0});
        byte[] body = tiff.toByteArray();
        int length = 2 + 6 + body.length;
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        segment.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
        segment.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        segment.writeBytes(body);
        return segment.toByteArray();
    }

    /** {@code jpeg} with {@code segment} inserted after SOI and, if present, the JFIF APP0. */
    static byte[] insertSegment(byte[] jpeg, byte[] segment, boolean afterApp0) {
        int at = 2;
        if (afterApp0 && (jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            at = 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF));
        }
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, at);
        System.arraycopy(segment, 0, out, at, segment.length);
        System.arraycopy(jpeg, at, out, at + segment.length, jpeg.length - at);
        return out;
    }

    static byte[] cut(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }

    /** RGB of pixel (x, y) of a decoded image, packed like {@link BufferedImage#getRGB}. */
    static int rgb(RgbImage image, int x, int y) {
        return image.get(x, y, 0) << 16 | image.get(x, y, 1) << 8 | image.get(x, y, 2);
    }

    /** Largest per-channel difference between two packed RGB values. */
    static int distance(int a, int b) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs((a >> shift & 0xFF) - (b >> shift & 0xFF)));
        }
        return d;
    }

    private record Writer(ByteArrayOutputStream out, boolean littleEndian) {
        void u16(int v) {
            if (littleEndian) {
                out.write(v);
                out.write(v >> 8);
            } else {
                out.write(v >> 8);
                out.write(v);
            }
        }

        void u32(long v) {
            if (littleEndian) {
                u16((int) (v & 0xFFFF));
                u16((int) (v >> 16));
            } else {
                u16((int) (v >> 16));
                u16((int) (v & 0xFFFF));
            }
        }
    }
}
