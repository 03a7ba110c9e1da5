package io.github.facenet4j.faces.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;

/** The EXIF reader finds the tag in well-formed data and answers 1 for anything else. */
class ExifTest {

    /** A TIFF header plus IFD0 with the given entries (tag, type, value), big- or little-endian. */
    private static byte[] tiff(boolean littleEndian, int[]... entries) {
        byte[] b = new byte[8 + 2 + 12 * entries.length + 4];
        Put put = new Put(b, littleEndian);
        b[0] = b[1] = (byte) (littleEndian ? 'I' : 'M');
        put.u16(2, 42);
        put.u32(4, 8);
        put.u16(8, entries.length);
        for (int k = 0; k < entries.length; k++) {
            int e = 10 + 12 * k;
            put.u16(e, entries[k][0]);
            put.u16(e + 2, entries[k][1]);
            put.u32(e + 4, 1);
            if (entries[k][1] == 3) {
                put.u16(e + 8, entries[k][2]);
            } else {
                put.u32(e + 8, entries[k][2]);
            }
        }
        return b;
    }

    @Test
    void readsBothByteOrders() {
        for (int o = 1; o <= 8; o++) {
            assertThat(Exif.tiffOrientation(tiff(true, new int[] {0x0112, 3, o}), 0, 24)).isEqualTo(o);
            assertThat(Exif.tiffOrientation(tiff(false, new int[] {0x0112, 3, o}), 0, 24)).isEqualTo(o);
        }
    }

    @Test
    void findsTheTagAfterOthersAndAcceptsLong() {
        byte[] b = tiff(false, new int[] {0x0100, 4, 640}, new int[] {0x0101, 4, 480}, new int[] {0x0112, 4, 6});
        assertThat(Exif.tiffOrientation(b, 0, b.length)).isEqualTo(6);
    }

    @Test
    void honoursTheStartOffset() {
        byte[] inner = tiff(true, new int[] {0x0112, 3, 8});
        byte[] outer = new byte[inner.length + 5];
        System.arraycopy(inner, 0, outer, 5, inner.length);
        assertThat(Exif.tiffOrientation(outer, 5, outer.length)).isEqualTo(8);
    }

    @Test
    void malformedDataMeansUpright() {
        assertThat(Exif.tiffOrientation(tiff(true, new int[] {0x0112, 3, 9}), 0, 24)).as("out of range").isEqualTo(1);
        assertThat(Exif.tiffOrientation(tiff(true, new int[] {0x0112, 3, 0}), 0, 24)).as("zero").isEqualTo(1);
        assertThat(Exif.tiffOrientation(tiff(true, new int[] {0x0112, 2, 6}), 0, 24)).as("ASCII type").isEqualTo(1);
        assertThat(Exif.tiffOrientation(tiff(true, new int[] {0x0110, 3, 6}), 0, 24)).as("other tag").isEqualTo(1);
        byte[] b = tiff(true, new int[] {0x0112, 3, 6});
        assertThat(Exif.tiffOrientation(b, 0, 21)).as("entry cut off").isEqualTo(1);
        assertThat(Exif.tiffOrientation(b, 0, 4)).as("header cut off").isEqualTo(1);
        b[2] = 43;
        assertThat(Exif.tiffOrientation(b, 0, b.length)).as("not 42").isEqualTo(1);
        b = tiff(false, new int[] {0x0112, 3, 6});
        b[0] = 'I';
        assertThat(Exif.tiffOrientation(b, 0, b.length)).as("mixed byte order mark").isEqualTo(1);
        b = tiff(false, new int[] {0x0112, 3, 6});
        b[7] = (byte) 200; // IFD0 beyond the end
        assertThat(Exif.tiffOrientation(b, 0, b.length)).as("IFD beyond the end").isEqualTo(1);
        b = tiff(false, new int[] {0x0112, 3, 6});
        b[9] = 50; // claims 50 entries
        assertThat(Exif.tiffOrientation(b, 0, b.length)).as("the tag is still the first entry").isEqualTo(6);
        b[10] = 0; // first tag is no longer Orientation, and the rest is missing
        assertThat(Exif.tiffOrientation(b, 0, b.length)).as("entry count too large").isEqualTo(1);
    }

    @Test
    void jpegWalkSkipsOtherSegmentsAndStopsAtTheScan() throws IOException {
        byte[] exif = concat(new byte[] {'E', 'x', 'i', 'f', 0, 0}, tiff(false, new int[] {0x0112, 3, 3}));
        byte[] xmp = "http://ns.adobe.com/xap/1.0/\0<x/>".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] jpeg = concat(new byte[] {(byte) 0xFF, (byte) 0xD8}, segment(0xE0, new byte[14]), segment(0xE1, xmp),
                new byte[] {(byte) 0xFF}, segment(0xE1, exif), segment(0xDB, new byte[65]));
        assertThat(orientation(jpeg)).isEqualTo(3);
        byte[] afterScan = concat(new byte[] {(byte) 0xFF, (byte) 0xD8}, segment(0xDA, new byte[10]),
                segment(0xE1, exif));
        assertThat(orientation(afterScan)).as("Exif after SOS is not metadata").isEqualTo(1);
        assertThat(orientation(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0x10}))
                .as("cut inside a segment").isEqualTo(1);
        assertThat(orientation(new byte[] {'B', 'M'})).as("not a JPEG").isEqualTo(1);
    }

    private static int orientation(byte[] jpeg) throws IOException {
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            return Exif.jpegOrientation(in);
        }
    }

    private static byte[] segment(int marker, byte[] payload) {
        int length = payload.length + 2;
        return concat(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length}, payload);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private record Put(byte[] b, boolean littleEndian) {
        void u16(int at, int v) {
            b[at + (littleEndian ? 0 : 1)] = (byte) v;
            b[at + (littleEndian ? 1 : 0)] = (byte) (v >> 8);
        }

        void u32(int at, long v) {
            u16(at + (littleEndian ? 0 : 2), (int) (v & 0xFFFF));
            u16(at + (littleEndian ? 2 : 0), (int) (v >> 16));
        }
    }
}
