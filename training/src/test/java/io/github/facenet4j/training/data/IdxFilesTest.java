package io.github.facenet4j.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFilesTest {

    @TempDir
    Path dir;

    /** Header words then data bytes. */
    static byte[] idx(int[] header, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (int word : header) {
            out.writeInt(word);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        }
        return bytes.toByteArray();
    }

    Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    /** Three 2×3 images with pixel values 0, 1, …, 17 (and 255 as the last). */
    static byte[] images() throws IOException {
        byte[] pixels = new byte[18];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        pixels[17] = (byte) 255;
        return idx(new int[] {0x803, 3, 2, 3}, pixels);
    }

    static byte[] labels() throws IOException {
        return idx(new int[] {0x801, 3}, new byte[] {2, 0, 1});
    }

    @Test
    void readsPlainAndGzippedFiles() throws IOException {
        for (boolean compressed : new boolean[] {false, true}) {
            Path im = write("im" + compressed, compressed ? gzip(images()) : images());
            Path lb = write("lb" + compressed, compressed ? gzip(labels()) : labels());
            IdxFiles.Images read = IdxFiles.readImages(im);
            assertThat(read.count()).isEqualTo(3);
            assertThat(read.rows()).isEqualTo(2);
            assertThat(read.columns()).isEqualTo(3);
            assertThat(read.pixels()[17]).isEqualTo((byte) 255);
            assertThat(IdxFiles.readLabels(lb)).containsExactly(2, 0, 1);

            ByteImages set = IdxFiles.read(im, lb, List.of("a", "b", "c"), "tiny");
            assertThat(set.size()).isEqualTo(3);
            assertThat(set.shape().toString()).isEqualTo("1×2×3");
            assertThat(set.identityNames()).containsExactly("a", "b", "c");
            assertThat(set.label(0)).isEqualTo(2);
            float[] last = set.image(2);
            assertThat(last[0]).isEqualTo(12f);
            assertThat(last[5]).isEqualTo(255f);
            assertThat(IdxFiles.read(im, lb, null, "tiny").identityNames()).containsExactly("0", "1", "2");
        }
    }

    @Test
    void corruptFilesFailWithOneLineNamingTheFile() throws IOException {
        Path labelsAsImages = write("swapped", labels());
        assertFails(() -> IdxFiles.readImages(labelsAsImages),
                labelsAsImages + " is not an IDX image file (idx3-ubyte): magic number 0x00000801, expected 0x00000803");
        Path text = write("text", "hello world, no idx here".getBytes());
        assertFails(() -> IdxFiles.readLabels(text), text + " is not an IDX label file (idx1-ubyte): magic number"
                + " 0x68656c6c, expected 0x00000801");
        Path empty = write("empty", new byte[0]);
        assertFails(() -> IdxFiles.readImages(empty),
                empty + " is not an IDX image file (idx3-ubyte): it is shorter than a header");
        Path shortHeader = write("short", Arrays.copyOf(images(), 10));
        assertFails(() -> IdxFiles.readImages(shortHeader),
                shortHeader + " is truncated: its header ends before size 2 of 3");
        Path zero = write("zero", idx(new int[] {0x803, 3, 0, 3}, new byte[0]));
        assertFails(() -> IdxFiles.readImages(zero),
                zero + " declares size 0 for dimension 2; sizes must be between 1 and 2147483647");
        Path negative = write("negative", idx(new int[] {0x801, -5}, new byte[0]));
        assertFails(() -> IdxFiles.readLabels(negative),
                negative + " declares size 4294967291 for dimension 1; sizes must be between 1 and 2147483647");
        Path truncated = write("truncated", Arrays.copyOf(images(), images().length - 4));
        assertFails(() -> IdxFiles.readImages(truncated), truncated + " is truncated: its header announces 3 images"
                + " of 2×3 (18 bytes) but only 14 bytes follow");
        byte[] longer = Arrays.copyOf(labels(), labels().length + 1);
        Path trailing = write("trailing", longer);
        assertFails(() -> IdxFiles.readLabels(trailing), trailing + " has data past the 3 labels its header announces");
        Path huge = write("huge", idx(new int[] {0x803, 60000, 60000, 60000}, new byte[0]));
        assertFails(() -> IdxFiles.readImages(huge), huge + " announces 60000 images of 60000×60000 (216000000000000"
                + " bytes), more than one array can hold");
        byte[] gz = gzip(images());
        Path cutGzip = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        assertFails(() -> IdxFiles.readImages(cutGzip), cutGzip + " is truncated (the gzip stream ends early)");
        byte[] badGz = gz.clone();
        badGz[2] = 7; // compression method: only 8 (deflate) exists
        Path corruptGzip = write("corrupt.gz", badGz);
        assertThatThrownBy(() -> IdxFiles.readImages(corruptGzip)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(corruptGzip + " is not a valid gzip file: ");
        Path missing = dir.resolve("nope");
        assertFails(() -> IdxFiles.readImages(missing), "IDX file not found: " + missing);
    }

    @Test
    void imagesAndLabelsMustAgree() throws IOException {
        Path im = write("im", images());
        Path two = write("two", idx(new int[] {0x801, 2}, new byte[] {0, 1}));
        assertFails(() -> IdxFiles.read(im, two, null, "x"), im + " has 3 images but " + two + " has 2 labels");
        Path lb = write("lb", labels());
        assertFails(() -> IdxFiles.read(im, lb, List.of("a", "b"), "tiny"),
                lb + " has label 2, but tiny has only 2 classes");
    }

    static void assertFails(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(BadInputException.class).hasMessage(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
