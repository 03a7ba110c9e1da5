package io.github.facenet4j.faces;

import static io.github.facenet4j.faces.TestImages.distance;
import static io.github.facenet4j.faces.TestImages.rgb;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each supported format decodes to the pixels it was written from. */
class ImageFilesFormatsTest {

    private static final ImageLimits LIMITS = ImageLimits.defaults();

    @TempDir
    Path dir;

    private RgbImage readFile(byte[] bytes, String name) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return ImageFiles.read(file, LIMITS);
    }

    @Test
    void png8BitRgbIsExact() throws IOException {
        BufferedImage source = TestImages.gradient(37, 21);
        byte[] png = TestImages.encode(source, "png");
        assertThat(png[24]).as("bit depth").isEqualTo((byte) 8);
        RgbImage image = readFile(png, "rgb8.png");
        assertThat(image.width()).isEqualTo(37);
        assertThat(image.height()).isEqualTo(21);
        for (int y = 0; y < 21; y++) {
            for (int x = 0; x < 37; x++) {
                assertThat(rgb(image, x, y)).as("(%d, %d)", x, y).isEqualTo(source.getRGB(x, y) & 0xFFFFFF);
            }
        }
    }

    @Test
    void png16BitRgbRoundsToNearest8BitValue() throws IOException {
        int w = 40;
        int h = 3;
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(w, h);
        int[][] samples = new int[w * h][3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // Spread over the whole 16-bit range, including odd values between two 8-bit steps.
                int[] s = {x * 1637 + y * 13, 65535 - x * 1511, (x * 7919 + y * 104729) % 65536};
                raster.setPixel(x, y, s);
                samples[y * w + x] = s;
            }
        }
        byte[] png = TestImages.encode(new BufferedImage(model, raster, false, null), "png");
        assertThat(png[24]).as("bit depth").isEqualTo((byte) 16);
        assertThat(png[25]).as("colour type RGB").isEqualTo((byte) 2);
        RgbImage image = readFile(png, "rgb16.png");
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    // v / 257 maps 0…65535 onto 0…255; 257 is odd, so adding 128 rounds to nearest.
                    int expected = (samples[y * w + x][c] + 128) / 257;
                    assertThat(image.get(x, y, c)).as("(%d, %d) channel %d", x, y, c).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void greyPngIsRepeatedIntoRgbWithoutGammaChange() throws IOException {
        BufferedImage grey = new BufferedImage(256, 1, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 256; x++) {
            grey.getRaster().setSample(x, 0, 0, x);
        }
        byte[] png = TestImages.encode(grey, "png");
        assertThat(png[25]).as("colour type grey").isEqualTo((byte) 0);
        RgbImage image = readFile(png, "grey8.png");
        for (int x = 0; x < 256; x++) {
            assertThat(rgb(image, x, 0)).as("grey %d", x).isEqualTo(x << 16 | x << 8 | x);
        }
    }

    @Test
    void grey16BitPngRounds() throws IOException {
        BufferedImage grey = new BufferedImage(300, 1, BufferedImage.TYPE_USHORT_GRAY);
        for (int x = 0; x < 300; x++) {
            grey.getRaster().setSample(x, 0, 0, x * 219);
        }
        byte[] png = TestImages.encode(grey, "png");
        assertThat(png[24]).as("bit depth").isEqualTo((byte) 16);
        RgbImage image = readFile(png, "grey16.png");
        for (int x = 0; x < 300; x++) {
            int v = (x * 219 + 128) / 257;
            assertThat(rgb(image, x, 0)).as("x %d", x).isEqualTo(v << 16 | v << 8 | v);
        }
    }

    @Test
    void palettePngWithTransparentEntriesIsCompositedOverWhite() throws IOException {
        byte[] r = {(byte) 200, 0, 10, 0};
        byte[] g = {100, (byte) 255, 20, 0};
        byte[] b = {50, 0, 30, 0};
        byte[] a = {(byte) 255, (byte) 255, 0, (byte) 128};
        IndexColorModel palette = new IndexColorModel(8, 4, r, g, b, a);
        BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        for (int x = 0; x < 4; x++) {
            image.getRaster().setSample(x, 0, 0, x);
        }
        byte[] png = TestImages.encode(image, "png");
        assertThat(png[25]).as("colour type palette").isEqualTo((byte) 3);
        RgbImage decoded = readFile(png, "palette.png");
        assertThat(rgb(decoded, 0, 0)).isEqualTo(0xC86432); // opaque: the palette colour
        assertThat(rgb(decoded, 1, 0)).isEqualTo(0x00FF00);
        assertThat(rgb(decoded, 2, 0)).isEqualTo(0xFFFFFF); // transparent: white
        // Black at alpha 128/255 over white: 255 · (1 − 128/255) = 127.
        assertThat(rgb(decoded, 3, 0)).isEqualTo(0x7F7F7F);
    }

    @Test
    void rgbaPngIsCompositedOverWhite() throws IOException {
        int[] argb = {0xFF102030, 0x00102030, 0x80000000, 0x80C8FF00, 0x40FFFFFF};
        BufferedImage image = new BufferedImage(argb.length, 1, BufferedImage.TYPE_INT_ARGB);
        for (int x = 0; x < argb.length; x++) {
            image.setRGB(x, 0, argb[x]);
        }
        byte[] png = TestImages.encode(image, "png");
        assertThat(png[25]).as("colour type RGBA").isEqualTo((byte) 6);
        RgbImage decoded = readFile(png, "rgba.png");
        assertThat(rgb(decoded, 0, 0)).isEqualTo(0x102030);
        assertThat(rgb(decoded, 1, 0)).isEqualTo(0xFFFFFF);
        assertThat(rgb(decoded, 2, 0)).isEqualTo(0x7F7F7F);
        // 200 · 128/255 + 127 = 227.4; 255 stays 255; 0 gives 127.
        assertThat(rgb(decoded, 3, 0)).isEqualTo(227 << 16 | 255 << 8 | 127);
        assertThat(rgb(decoded, 4, 0)).isEqualTo(0xFFFFFF);
    }

    @Test
    void greyAlphaPngIsCompositedOverWhite() throws IOException {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(3, 1);
        raster.setPixel(0, 0, new int[] {90, 255});
        raster.setPixel(1, 0, new int[] {90, 0});
        raster.setPixel(2, 0, new int[] {0, 51}); // 255 · (1 − 51/255) = 204
        byte[] png = TestImages.encode(new BufferedImage(model, raster, false, null), "png");
        assertThat(png[25]).as("colour type grey + alpha").isEqualTo((byte) 4);
        RgbImage decoded = readFile(png, "grey-alpha.png");
        assertThat(rgb(decoded, 0, 0)).isEqualTo(0x5A5A5A);
        assertThat(rgb(decoded, 1, 0)).isEqualTo(0xFFFFFF);
        assertThat(rgb(decoded, 2, 0)).isEqualTo(0xCCCCCC);
    }

    @Test
    void oneBitPng() throws IOException {
        BufferedImage image = new BufferedImage(9, 2, BufferedImage.TYPE_BYTE_BINARY);
        for (int x = 0; x < 9; x++) {
            image.getRaster().setSample(x, x % 2, 0, 1);
        }
        RgbImage decoded = readFile(TestImages.encode(image, "png"), "bits.png");
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 9; x++) {
                assertThat(rgb(decoded, x, y)).isEqualTo(x % 2 == y ? 0xFFFFFF : 0);
            }
        }
    }

    @Test
    void bmp24BitIsExact() throws IOException {
        BufferedImage source = new BufferedImage(13, 7, BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage pattern = TestImages.gradient(13, 7);
        source.getGraphics().drawImage(pattern, 0, 0, null);
        RgbImage image = readFile(TestImages.encode(source, "bmp"), "rgb.bmp");
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 13; x++) {
                assertThat(rgb(image, x, y)).isEqualTo(pattern.getRGB(x, y) & 0xFFFFFF);
            }
        }
    }

    @Test
    void bmp8BitPaletteIsExact() throws IOException {
        BufferedImage source = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_INDEXED);
        IndexColorModel palette = (IndexColorModel) source.getColorModel();
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                source.getRaster().setSample(x, y, 0, y * 16 + x);
            }
        }
        RgbImage image = readFile(TestImages.encode(source, "bmp"), "palette.bmp");
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                assertThat(rgb(image, x, y)).isEqualTo(palette.getRGB(y * 16 + x) & 0xFFFFFF);
            }
        }
    }

    @Test
    void baselineJpegIsCloseToItsSource() throws IOException {
        BufferedImage source = TestImages.gradient(64, 48);
        byte[] jpeg = TestImages.jpeg(source, 0.95f, false);
        assertThat(indexOfMarker(jpeg, 0xC0)).as("SOF0").isPositive();
        assertClose(readFile(jpeg, "baseline.jpg"), source);
    }

    @Test
    void progressiveJpegIsCloseToItsSource() throws IOException {
        BufferedImage source = TestImages.gradient(64, 48);
        byte[] jpeg = TestImages.jpeg(source, 0.95f, true);
        assertThat(indexOfMarker(jpeg, 0xC2)).as("SOF2").isPositive();
        assertClose(ImageFiles.decode(jpeg, "progressive.jpg", LIMITS), source);
    }

    @Test
    void greyJpegKeepsItsLevels() throws IOException {
        BufferedImage grey = new BufferedImage(32, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                grey.getRaster().setSample(x, y, 0, x < 16 ? 60 : 128);
            }
        }
        RgbImage image = readFile(TestImages.jpeg(grey, 0.95f, false), "grey.jpg");
        // Flat 8×8 blocks survive JPEG almost exactly; a gamma slip would turn 128 into 188.
        assertThat(distance(rgb(image, 4, 4), 0x3C3C3C)).isLessThanOrEqualTo(2);
        assertThat(distance(rgb(image, 28, 12), 0x808080)).isLessThanOrEqualTo(2);
    }

    @Test
    void cmykJpegsDecodeToTheirColours() throws IOException {
        // Both fixtures: red, green, blue and white quadrants; see images/README.md.
        for (String name : new String[] {"cmyk-adobe.jpg", "ycck.jpg"}) {
            byte[] bytes;
            try (InputStream in = getClass().getResourceAsStream("/images/" + name)) {
                bytes = in.readAllBytes();
            }
            int app14 = indexOfMarker(bytes, 0xEE);
            assertThat(app14).as(name + " Adobe APP14").isPositive();
            int transform = bytes[app14 + 15];
            assertThat(transform).as(name + " Adobe transform").isEqualTo(name.equals("ycck.jpg") ? 2 : 0);
            RgbImage image = readFile(bytes, name);
            assertThat(image.width()).isEqualTo(32);
            assertThat(image.height()).isEqualTo(24);
            assertThat(distance(rgb(image, 4, 4), 0xFF0000)).as(name + " red").isLessThanOrEqualTo(12);
            assertThat(distance(rgb(image, 27, 4), 0x00FF00)).as(name + " green").isLessThanOrEqualTo(12);
            assertThat(distance(rgb(image, 4, 19), 0x0000FF)).as(name + " blue").isLessThanOrEqualTo(12);
            assertThat(distance(rgb(image, 27, 19), 0xFFFFFF)).as(name + " white").isLessThanOrEqualTo(12);
        }
    }

    private static void assertClose(RgbImage image, BufferedImage source) {
        assertThat(image.width()).isEqualTo(source.getWidth());
        assertThat(image.height()).isEqualTo(source.getHeight());
        long total = 0;
        int worst = 0;
        for (int y = 0; y < source.getHeight(); y++) {
            for (int x = 0; x < source.getWidth(); x++) {
                int d = distance(rgb(image, x, y), source.getRGB(x, y));
                total += d;
                worst = Math.max(worst, d);
            }
        }
        assertThat((double) total / (source.getWidth() * source.getHeight())).as("mean error").isLessThan(3.0);
        assertThat(worst).as("worst error").isLessThanOrEqualTo(16);
    }

    /** Offset of the first marker {@code 0xFF, marker} in a JPEG, or −1. */
    static int indexOfMarker(byte[] jpeg, int marker) {
        for (int k = 2; k + 1 < jpeg.length; k++) {
            if ((jpeg[k] & 0xFF) == 0xFF && (jpeg[k + 1] & 0xFF) == marker) {
                return k;
            }
        }
        return -1;
    }
}
