package io.github.facenet4j.faces.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.faces.ImageLimits;
import io.github.facenet4j.faces.RgbImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    @Test
    void warningsThatMeanLostPixels() {
        assertThat(ImageDecoder.meansDamage("Premature end of JPEG file")).isTrue();
        assertThat(ImageDecoder.meansDamage("Corrupt JPEG data: premature end of data segment")).isTrue();
        assertThat(ImageDecoder.meansDamage("Corrupt JPEG data: bad Huffman code")).isTrue();
        assertThat(ImageDecoder.meansDamage("Truncated File - Missing EOI marker")).isTrue();
        assertThat(ImageDecoder.meansDamage("Corrupt JPEG data: 3 extraneous bytes before marker 0xdb")).isFalse();
        assertThat(ImageDecoder.meansDamage("No embedded ICC color profile, will convert using inaccurate CMYK to RGB"
                + " conversion. Colors may look incorrect.")).isFalse();
    }

    @Test
    void bmpNeedsAKnownHeaderSize() throws IOException {
        byte[] head = new byte[30];
        head[0] = 'B';
        head[1] = 'M';
        for (int size : new int[] {12, 40, 52, 56, 64, 108, 124}) {
            head[14] = (byte) size;
            assertThat(sniff(head)).isEqualTo(ImageDecoder.Format.BMP);
        }
        head[14] = 41;
        assertThatThrownBy(() -> sniff(head)).isInstanceOf(BadInputException.class)
                .hasMessage("x is not a JPEG, PNG or BMP image; convert it to one of those");
    }

    private static ImageDecoder.Format sniff(byte[] bytes) throws IOException {
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            return ImageDecoder.sniff(in, "x");
        }
    }

    /**
     * If ImageIO's registry was filled before TwelveMonkeys was on the class path, the decoder
     * scans for plugins once and then uses it. Simulated by taking its provider out of the
     * registry; the decoder must put a fresh one back and decode the YCCK fixture with it.
     */
    @Test
    void scansForTwelveMonkeysWhenTheRegistryLacksIt() throws IOException {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        ImageReaderSpi original = twelveMonkeys(registry);
        assertThat(original).as("TwelveMonkeys on the test class path").isNotNull();
        byte[] ycck;
        try (InputStream in = getClass().getResourceAsStream("/images/ycck.jpg")) {
            ycck = in.readAllBytes();
        }
        registry.deregisterServiceProvider(original);
        try {
            assertThat(twelveMonkeys(registry)).isNull();
            RgbImage image;
            try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(ycck))) {
                image = ImageDecoder.decode(in, "ycck.jpg", ImageLimits.defaults());
            }
            assertThat(twelveMonkeys(registry)).as("registered again by scanForPlugins").isNotNull();
            assertThat(image.get(4, 4, 0)).isGreaterThan(240);
            assertThat(image.get(4, 4, 1)).isLessThan(15);
        } finally {
            if (twelveMonkeys(registry) == null) {
                registry.registerServiceProvider(original);
            }
        }
    }

    private static ImageReaderSpi twelveMonkeys(IIORegistry registry) {
        for (Iterator<ImageReaderSpi> it = registry.getServiceProviders(ImageReaderSpi.class, true); it.hasNext();) {
            ImageReaderSpi spi = it.next();
            if (spi.getClass().getName().startsWith("com.twelvemonkeys.imageio.plugins.jpeg.")) {
                return spi;
            }
        }
        return null;
    }
}
