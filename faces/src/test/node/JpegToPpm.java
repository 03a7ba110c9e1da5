import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Decodes images with {@code javax.imageio} and writes each as a binary PPM (P6:
 * "P6\nW H\n255\n", then interleaved RGB bytes), the input format of face-api-detections.mjs
 * and face-api-landmarks.mjs, which have no JPEG decoder of their own offline. For face-api's
 * demo photos these are the pixels {@code ImageFiles} gives the parity tests, which check the
 * sha256 each fixture records.
 *
 * <p>Usage (JDK 11+ runs a single source file; nothing to build):
 * {@code java JpegToPpm.java OUT_DIR IMAGE.jpg...} writes {@code OUT_DIR/NAME.ppm} for each.
 */
public final class JpegToPpm {

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java JpegToPpm.java OUT_DIR IMAGE.jpg...");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        for (int i = 1; i < args.length; i++) {
            Path in = Path.of(args[i]);
            BufferedImage image = ImageIO.read(in.toFile());
            if (image == null) {
                throw new IOException(in + ": not an image javax.imageio can read");
            }
            int w = image.getWidth();
            int h = image.getHeight();
            byte[] rgb = new byte[w * h * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = image.getRGB(x, y);
                    int o = (y * w + x) * 3;
                    rgb[o] = (byte) (p >> 16);
                    rgb[o + 1] = (byte) (p >> 8);
                    rgb[o + 2] = (byte) p;
                }
            }
            String name = in.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            Path ppm = out.resolve(name + ".ppm");
            try (OutputStream os = Files.newOutputStream(ppm)) {
                os.write(("P6\n" + w + " " + h + "\n255\n").getBytes(StandardCharsets.US_ASCII));
                os.write(rgb);
            }
            System.out.println(in + " → " + ppm + " (" + w + "×" + h + ")");
        }
    }
}
