package io.github.facenet4j.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a file can be unusable ends in one clear line. */
class ImageFilesErrorsTest {

    private static final ImageLimits LIMITS = ImageLimits.defaults();

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(Path file) {
        return assertThatThrownBy(() -> ImageFiles.read(file, LIMITS)).isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r"));
    }

    /** A PNG that declares {@code width × height} 8-bit RGB pixels but holds a tiny IDAT. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        // IHDR: width, height, bit depth 8, colour type 2 (RGB), deflate, adaptive filter, no interlace.
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[] {8, 2, 0, 0, 0})
                .array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[64]);
        deflater.finish();
        byte[] idat = new byte[128];
        int n = deflater.deflate(idat);
        deflater.end();
        chunk(out, "IDAT", java.util.Arrays.copyOf(idat, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A PNG chunk: length, type, data, CRC-32 of type and data (PNG specification, 5.3). */
    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    @Timeout(10)
    void pngDecompressionBombIsRefusedFromItsHeader() throws IOException {
        byte[] png = pngHeaderOnly(30000, 30000);
        assertThat(png.length).isLessThan(200);
        Path file = write("bomb.png", png);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        refused(file).hasMessage(file + ": image is 30000×30000 (900 megapixels), above the limit of 67.1 megapixels;"
                + " downscale it first");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // Decoding would need 2.7 GB for the pixels; reading the header needs next to nothing.
        assertThat(allocated).as("bytes allocated").isLessThan(64L << 20);
    }

    @Test
    @Timeout(10)
    void jpegDecompressionBombIsRefusedFromItsHeader() {
        byte[] jpeg = TestImages.jpeg(TestImages.gradient(16, 16), 0.9f, false);
        int sof = ImageFilesFormatsTest.indexOfMarker(jpeg, 0xC0);
        // SOF0: marker, length (2), precision (1), height (2), width (2).
        ByteBuffer.wrap(jpeg, sof + 5, 4).putShort((short) 40000).putShort((short) 50000);
        assertThatThrownBy(() -> ImageFiles.decode(jpeg, "huge.jpg", LIMITS)).isInstanceOf(BadInputException.class)
                .hasMessage("huge.jpg: image is 50000×40000 (2000 megapixels), above the limit of 67.1 megapixels;"
                        + " downscale it first");
    }

    @Test
    void limitIsInclusive() {
        byte[] png = TestImages.encode(TestImages.gradient(100, 100), "png");
        assertThat(ImageFiles.decode(png, "ok.png", new ImageLimits(10_000)).width()).isEqualTo(100);
        assertThatThrownBy(() -> ImageFiles.decode(png, "ok.png", new ImageLimits(9_999)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("ok.png: image is 100×100 (10000 pixels), above the limit of 9999 pixels;"
                        + " downscale it first");
    }

    @Test
    void limitsAreValidated() {
        assertThat(ImageLimits.defaults().maxPixels()).isEqualTo(8192L * 8192);
        assertThat(new ImageLimits(ImageLimits.MAX_MAX_PIXELS).maxPixels()).isEqualTo(536_870_911L);
        for (long bad : new long[] {0, -1, ImageLimits.MAX_MAX_PIXELS + 1}) {
            assertThatThrownBy(() -> new ImageLimits(bad)).isInstanceOf(ConfigurationException.class)
                    .hasMessage("image limits: maxPixels must be in [1, 536870911], got " + bad);
        }
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nope.jpg");
        refused(file).hasMessage("No such file: " + file);
    }

    @Test
    void directory() {
        refused(dir).hasMessage(dir + " is a directory, not an image file");
    }

    /**
     * A FIFO named like a photo: opening it would block until a writer came, so it is refused
     * unopened. The timeout runs the test in a thread of its own: a blocked open(2) ignores
     * interrupts, and a hang must fail the test, not the build.
     */
    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void namedPipeIsRefusedWithoutBlocking() throws Exception {
        Path fifo = mkfifo(dir.resolve("x.jpg"));
        refused(fifo).hasMessage(fifo + " is not a regular file (a pipe, device or socket); give an image file");
    }

    /** A FIFO at {@code path}, made by mkfifo(1): Java cannot make one. */
    static Path mkfifo(Path path) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).as("mkfifo exit status").isZero();
        assertThat(Files.isRegularFile(path)).as("a FIFO is no regular file").isFalse();
        return path;
    }

    @Test
    void emptyFile() throws IOException {
        Path file = write("empty.jpg", new byte[0]);
        refused(file).hasMessage(file + " is empty (0 bytes)");
        assertThatThrownBy(() -> ImageFiles.decode(new byte[0], "upload", LIMITS))
                .hasMessage("upload is empty (0 bytes)");
    }

    @Test
    void randomBytes() throws IOException {
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        Path file = write("noise.jpg", bytes);
        refused(file).hasMessage(file + " is not a JPEG, PNG or BMP image; convert it to one of those");
    }

    @Test
    void textThatStartsLikeABmp() throws IOException {
        Path file = write("notes.bmp", "BMW service notes, 2024\nOil change\n".getBytes(StandardCharsets.UTF_8));
        refused(file).hasMessage(file + " is not a JPEG, PNG or BMP image; convert it to one of those");
    }

    @Test
    void gifIsNamed() throws IOException {
        Path file = write("anim.gif", TestImages.encode(TestImages.gradient(8, 8), "gif"));
        refused(file).hasMessage(file + " is not a JPEG, PNG or BMP image (it looks like a GIF); convert it to one of"
                + " those");
    }

    @Test
    void jpegCutInHalf() throws IOException {
        byte[] jpeg = TestImages.jpeg(TestImages.noise(256, 192, 1), 0.9f, false);
        int scan = ImageFilesFormatsTest.indexOfMarker(jpeg, 0xDA);
        assertThat(jpeg.length / 2).as("the cut falls inside the scan data").isGreaterThan(scan);
        Path file = write("half.jpg", TestImages.cut(jpeg, jpeg.length / 2));
        refused(file).message().startsWith(file + " is truncated or corrupt (")
                .endsWith("); re-export or re-download it");
    }

    @Test
    void progressiveJpegCutInHalf() {
        byte[] jpeg = TestImages.jpeg(TestImages.noise(256, 192, 2), 0.9f, true);
        assertThatThrownBy(() -> ImageFiles.decode(TestImages.cut(jpeg, jpeg.length / 2), "half.jpg", LIMITS))
                .isInstanceOf(BadInputException.class).message().startsWith("half.jpg is truncated or corrupt (");
    }

    @Test
    void jpegWithoutItsEndMarker() {
        byte[] jpeg = TestImages.jpeg(TestImages.noise(64, 64, 3), 0.9f, false);
        assertThat(jpeg[jpeg.length - 1]).isEqualTo((byte) 0xD9);
        assertThatThrownBy(() -> ImageFiles.decode(TestImages.cut(jpeg, jpeg.length - 2), "noeoi.jpg", LIMITS))
                .isInstanceOf(BadInputException.class)
                .hasMessage("noeoi.jpg is truncated or corrupt (Truncated File - Missing EOI marker);"
                        + " re-export or re-download it");
    }

    @Test
    void dataAfterTheEndMarkerIsIgnored() {
        // Some cameras append a second picture or padding after EOI; the first picture is intact.
        BufferedImage source = TestImages.cells(2, 2);
        byte[] jpeg = TestImages.jpeg(source, 0.95f, false);
        byte[] padded = java.util.Arrays.copyOf(jpeg, jpeg.length + 3000);
        for (int k = jpeg.length; k < padded.length; k++) {
            padded[k] = (byte) (k * 31);
        }
        RgbImage image = ImageFiles.decode(padded, "padded.jpg", LIMITS);
        assertThat(TestImages.distance(TestImages.rgb(image, 24, 24), source.getRGB(24, 24))).isLessThanOrEqualTo(10);
    }

    @Test
    void junkBetweenSegmentsIsTolerated() {
        // libjpeg skips it with "Corrupt JPEG data: 3 extraneous bytes before marker"; pixels are intact.
        BufferedImage source = TestImages.cells(2, 2);
        byte[] jpeg = TestImages.jpeg(source, 0.95f, false);
        int dqt = ImageFilesFormatsTest.indexOfMarker(jpeg, 0xDB);
        byte[] junk = {1, 2, 3};
        byte[] damaged = new byte[jpeg.length + junk.length];
        System.arraycopy(jpeg, 0, damaged, 0, dqt);
        System.arraycopy(junk, 0, damaged, dqt, junk.length);
        System.arraycopy(jpeg, dqt, damaged, dqt + junk.length, jpeg.length - dqt);
        RgbImage image = ImageFiles.decode(damaged, "junk.jpg", LIMITS);
        assertThat(TestImages.distance(TestImages.rgb(image, 8, 24), source.getRGB(8, 24))).isLessThanOrEqualTo(10);
    }

    @Test
    void jpegCutInsideItsHeader() {
        byte[] jpeg = TestImages.jpeg(TestImages.noise(64, 64, 4), 0.9f, false);
        assertThatThrownBy(() -> ImageFiles.decode(TestImages.cut(jpeg, 100), "head.jpg", LIMITS))
                .isInstanceOf(BadInputException.class).message().startsWith("head.jpg is truncated or corrupt (");
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "bmp"})
    void losslessFileCutInHalf(String format) throws IOException {
        byte[] encoded = TestImages.encode(TestImages.noise(64, 64, 5), format);
        Path file = write("half." + format, TestImages.cut(encoded, encoded.length / 2));
        refused(file).message().startsWith(file + " is truncated or corrupt (")
                .endsWith("); re-export or re-download it");
    }

    @Test
    void unreadableFile() throws IOException {
        Path file = write("secret.png", TestImages.encode(TestImages.gradient(8, 8), "png"));
        // What the JDK throws when the system answers EACCES; root is never refused, so the seam stands in.
        ImageFiles.Opener refusing = f -> {
            throw new AccessDeniedException(f.toString());
        };
        assertThatThrownBy(() -> ImageFiles.read(file, LIMITS, refusing)).isInstanceOf(BadInputException.class)
                .hasMessage("Cannot read " + file + ": permission denied; check the file's permissions");
        assertThat(ImageFiles.read(file, LIMITS).width()).as("the same file, opened for real").isEqualTo(8);
    }

    @Test
    void otherFailureToOpenNamesTheFileAndTheCause() throws IOException {
        Path file = write("tape.png", TestImages.encode(TestImages.gradient(8, 8), "png"));
        ImageFiles.Opener failing = f -> {
            throw new IOException("Input/output error");
        };
        assertThatThrownBy(() -> ImageFiles.read(file, LIMITS, failing)).isInstanceOf(BadInputException.class)
                .hasMessage("Cannot read " + file + ": Input/output error");
    }
}
