package io.github.facenet4j.backends.onnx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Byte-exact checks of the wire format against the examples of the protobuf encoding guide. */
class ProtoWriterTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void writesVarintsWithTheirTag() {
        assertThat(new ProtoWriter().varint(1, 150).toByteArray()).containsExactly(bytes(0x08, 0x96, 0x01));
        assertThat(new ProtoWriter().varint(20, 7).toByteArray()).containsExactly(bytes(0xA0, 0x01, 0x07));
    }

    @Test
    void writesNegativeInt64InTenBytes() {
        assertThat(new ProtoWriter().varint(3, -1).toByteArray()).containsExactly(
                bytes(0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01));
    }

    @Test
    void writesStringsAndNestedMessagesWithTheirLength() {
        assertThat(new ProtoWriter().string(2, "testing").toByteArray())
                .containsExactly(bytes(0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g'));
        ProtoWriter inner = new ProtoWriter().varint(1, 150);
        assertThat(new ProtoWriter().message(3, inner).toByteArray()).containsExactly(bytes(0x1A, 0x03, 0x08, 0x96, 0x01));
    }

    @Test
    void packsRepeatedInt64s() {
        assertThat(new ProtoWriter().packedInt64s(4, 3, 270, 86942).toByteArray())
                .containsExactly(bytes(0x22, 0x06, 0x03, 0x8E, 0x02, 0x9E, 0xA7, 0x05));
    }

    @Test
    void writesFloatsLittleEndian() {
        assertThat(new ProtoWriter().float32(2, 1f).toByteArray()).containsExactly(bytes(0x15, 0x00, 0x00, 0x80, 0x3F));
        assertThat(ProtoWriter.littleEndian(new float[] {1f, -2f}))
                .containsExactly(bytes(0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0));
        assertThat(ProtoWriter.littleEndian(new long[] {2})).containsExactly(bytes(2, 0, 0, 0, 0, 0, 0, 0));
    }
}
