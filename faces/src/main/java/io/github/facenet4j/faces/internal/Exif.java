package io.github.facenet4j.faces.internal;

import java.io.IOException;
import java.nio.ByteOrder;
import javax.imageio.stream.ImageInputStream;

/**
 * Finds the EXIF Orientation tag of a JPEG: walks the marker segments up to the first scan,
 * takes the first APP1 segment that starts with {@code Exif\0\0}, and reads tag 0x0112 from
 * IFD0 of the TIFF structure inside it (either byte order). Layouts from the JPEG standard
 * (ITU T.81, section B.1) and EXIF 2.32 (CIPA DC-008, section 4.5 and 4.6.4).
 *
 * <p>Anything missing or malformed answers 1 ("upright as stored"): a damaged EXIF block
 * must not stop a decodable picture, and a damaged picture is the decoder's to report.
 */
public final class Exif {

    /** Orientation as stored: no transform. */
    public static final int UPRIGHT = 1;

    private static final int SOI = 0xFFD8;
    private static final int APP1 = 0xE1;
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;
    private static final int TEM = 0x01;
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;
    private static final int TYPE_LONG = 4;
    private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0, 0};

    private Exif() {
    }

    /**
     * The orientation (1…8) of the JPEG in {@code in}, read from its start; the stream's
     * position and byte order are left changed.
     */
    public static int jpegOrientation(ImageInputStream in) throws IOException {
        in.seek(0);
        in.setByteOrder(ByteOrder.BIG_ENDIAN);
        try {
            if (in.readUnsignedShort() != SOI) {
                return UPRIGHT;
            }
            while (true) {
                if (in.read() != 0xFF) {
                    return UPRIGHT; // not at a marker: the decoder will say what is wrong
                }
                int marker = in.read();
                while (marker == 0xFF) { // fill bytes may precede a marker
                    marker = in.read();
                }
                if (marker < 0 || marker == SOS || marker == EOI) {
                    return UPRIGHT; // metadata segments all come before the first scan
                }
                if (marker == TEM || (marker >= 0xD0 && marker <= 0xD7)) {
                    continue; // markers without a length field
                }
                int length = in.readUnsignedShort() - 2; // the length counts its own two bytes
                if (length < 0) {
                    return UPRIGHT;
                }
                byte[] payload = null;
                if (marker == APP1 && length >= EXIF_HEADER.length) {
                    payload = new byte[length];
                    in.readFully(payload);
                } else {
                    in.skipBytes(length);
                }
                if (payload != null && startsWith(payload, EXIF_HEADER)) {
                    return tiffOrientation(payload, EXIF_HEADER.length, payload.length);
                }
            }
        } catch (java.io.EOFException e) {
            return UPRIGHT;
        }
    }

    /**
     * The Orientation tag of IFD0 in the TIFF structure {@code bytes[start, end)} (offsets in
     * it count from {@code start}), or 1 when there is none or it is not a value in 1…8.
     */
    public static int tiffOrientation(byte[] bytes, int start, int end) {
        Tiff tiff;
        if (end - start >= 8 && bytes[start] == 'I' && bytes[start + 1] == 'I') {
            tiff = new Tiff(bytes, start, end, true);
        } else if (end - start >= 8 && bytes[start] == 'M' && bytes[start + 1] == 'M') {
            tiff = new Tiff(bytes, start, end, false);
        } else {
            return UPRIGHT;
        }
        if (tiff.u16(2) != 42) {
            return UPRIGHT;
        }
        long ifd = tiff.u32(4);
        if (ifd < 8 || ifd + 2 > tiff.size()) {
            return UPRIGHT;
        }
        int entries = tiff.u16((int) ifd);
        for (int k = 0; k < entries; k++) {
            int entry = (int) ifd + 2 + 12 * k; // tag, type, count, then the value or its offset
            if (entry + 12 > tiff.size()) {
                return UPRIGHT;
            }
            if (tiff.u16(entry) == ORIENTATION_TAG) {
                int type = tiff.u16(entry + 2);
                // SHORT per the standard; some writers use LONG. Both fit in the entry itself.
                long value = type == TYPE_SHORT ? tiff.u16(entry + 8) : type == TYPE_LONG ? tiff.u32(entry + 8) : 0;
                return value >= 1 && value <= 8 ? (int) value : UPRIGHT;
            }
        }
        return UPRIGHT;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        for (int k = 0; k < prefix.length; k++) {
            if (bytes[k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    /** Unsigned reads at offsets from the TIFF header, in the header's byte order. */
    private record Tiff(byte[] bytes, int start, int end, boolean littleEndian) {

        int size() {
            return end - start;
        }

        int u8(int offset) {
            return Byte.toUnsignedInt(bytes[start + offset]);
        }

        int u16(int offset) {
            return littleEndian ? u8(offset) | u8(offset + 1) << 8 : u8(offset) << 8 | u8(offset + 1);
        }

        long u32(int offset) {
            long low = u16(littleEndian ? offset : offset + 2);
            long high = u16(littleEndian ? offset + 2 : offset);
            return high << 16 | low;
        }
    }
}
