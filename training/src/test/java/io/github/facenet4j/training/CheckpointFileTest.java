package io.github.facenet4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.RandomCases;
import io.github.facenet4j.training.internal.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint file's checksum footer: 24 bytes after the zip, big-endian magic
 * "fn4jckpt", version 1, the content's length and its CRC-32. Expected checksums are computed
 * here with {@link CRC32} over the bytes before the footer, not read from the code under test.
 */
class CheckpointFileTest {

    private static final int FOOTER = 24;
    private static final String ADVICE = "; delete it to train that run again from step 0, or train into another"
            + " output directory";

    @TempDir
    Path dir;

    private Path written(long seed) {
        Path file = dir.resolve("checkpoint-" + seed + ".zip");
        Checkpoint.write(file, state(seed), new LinearEmbedder(4, 6, seed));
        return file;
    }

    private static Map<String, Object> state(long seed) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("step", seed * 7);
        state.put("note", "seed " + seed);
        state.put("values", List.of(0.25 * seed, -1.5));
        return state;
    }

    @Test
    void aRoundTripGivesBackTheStateAndTheWeights() {
        RandomCases.check(10, random -> {
            long seed = random.nextLong(1, 1_000_000);
            Path file = written(seed);
            assertThat(Checkpoint.readTrainer(file)).isEqualTo(state(seed));
            LinearEmbedder restored = new LinearEmbedder(4, 6, seed + 1);
            Checkpoint.restoreEmbedder(file, restored);
            assertThat(restored.w).containsExactly(new LinearEmbedder(4, 6, seed).w);
        });
    }

    @Test
    void theFooterHoldsMagicVersionLengthAndTheCrcOfTheContent() throws IOException {
        byte[] bytes = Files.readAllBytes(written(3));
        ByteBuffer footer = ByteBuffer.wrap(bytes, bytes.length - FOOTER, FOOTER);
        byte[] magic = new byte[8];
        footer.get(magic);
        assertThat(new String(magic, StandardCharsets.US_ASCII)).isEqualTo("fn4jckpt");
        assertThat(footer.getInt()).isEqualTo(1);
        assertThat(footer.getLong()).isEqualTo(bytes.length - FOOTER);
        assertThat(footer.getInt()).isEqualTo((int) crc(bytes, bytes.length - FOOTER));
        assertThat(new String(bytes, 0, 2, StandardCharsets.US_ASCII)).as("a zip before the footer").isEqualTo("PK");
    }

    @Test
    void aFlippedByteInTheContentIsRefusedNamingBothChecksums() {
        RandomCases.check(40, random -> {
            Path file = written(random.nextLong(1, 100));
            byte[] bytes = read(file);
            int content = bytes.length - FOOTER;
            int at = random.nextInt(content);
            long stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt() & 0xffffffffL;
            bytes[at] ^= (byte) (1 << random.nextInt(8));
            write(file, bytes);
            String message = String.format(Locale.ROOT, "Checkpoint %s is damaged (checksum %08x, the footer says"
                    + " %08x)%s", file, crc(bytes, content), stored, ADVICE);
            assertThatThrownBy(() -> Checkpoint.readTrainer(file)).isInstanceOf(BadInputException.class)
                    .hasMessage(message);
            assertThatThrownBy(() -> Checkpoint.restoreEmbedder(file, new LinearEmbedder(4, 6, 1)))
                    .isInstanceOf(BadInputException.class).hasMessage(message);
        });
    }

    @Test
    void aFileCutShortIsRefused() {
        RandomCases.check(40, random -> {
            Path file = written(random.nextLong(1, 100));
            byte[] bytes = read(file);
            int keep = random.nextInt(5, bytes.length - 1);
            if (keep == bytes.length - FOOTER) {
                keep--; // the footer cut off whole leaves a whole zip: a checkpoint from before footers
            }
            write(file, Arrays.copyOf(bytes, keep));
            assertThatThrownBy(() -> Checkpoint.readTrainer(file)).isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith("Checkpoint " + file + " is damaged (").hasMessageEndingWith(ADVICE)
                    .hasMessageNotContaining("\n");
        });
    }

    @Test
    void aChangedFooterIsRefused() {
        Path file = written(5);
        byte[] bytes = read(file);
        int content = bytes.length - FOOTER;
        byte[] longer = bytes.clone();
        longer[content + 8 + 4 + 7] ^= 1; // the length's last byte
        write(file, longer);
        assertThatThrownBy(() -> Checkpoint.readTrainer(file)).hasMessage("Checkpoint " + file + " is damaged"
                + " (checksum footer over " + (content ^ 1) + " bytes, the file holds " + content + ")" + ADVICE);
        byte[] newer = bytes.clone();
        newer[content + 8 + 3] = 2; // version 2
        write(file, newer);
        assertThatThrownBy(() -> Checkpoint.readTrainer(file)).hasMessage(file + " is a version 2 facenet4j training"
                + " checkpoint; this facenet4j reads version 1: resume it with the facenet4j that wrote it");
        byte[] noMagic = bytes.clone();
        noMagic[content] ^= 1;
        write(file, noMagic);
        assertThatThrownBy(() -> Checkpoint.readTrainer(file)).hasMessage("Checkpoint " + file + " is damaged"
                + " (no checksum footer: the file is cut short)" + ADVICE);
    }

    @Test
    void aWholeZipFromBeforeFootersIsStillRead() throws IOException {
        LinearEmbedder saved = new LinearEmbedder(4, 6, 9);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(Checkpoint.TRAINER));
            zip.write("{\"step\":12}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(Checkpoint.EMBEDDER));
            ByteArrayOutputStream state = new ByteArrayOutputStream();
            saved.writeState(state);
            zip.write(state.toByteArray());
            zip.closeEntry();
        }
        Path file = dir.resolve("old.zip");
        Files.write(file, bytes.toByteArray());
        assertThat(Checkpoint.readTrainer(file)).isEqualTo(Map.of("step", 12L));
        LinearEmbedder restored = new LinearEmbedder(4, 6, 1);
        Checkpoint.restoreEmbedder(file, restored);
        assertThat(restored.w).containsExactly(saved.w);
    }

    @Test
    void aFileThatIsNoZipOrIsMissingIsOneLine() throws IOException {
        Path garbage = dir.resolve("garbage.zip");
        Files.writeString(garbage, "not a checkpoint at all, not even close to one");
        assertThatThrownBy(() -> Checkpoint.readTrainer(garbage))
                .hasMessage(garbage + " is not a facenet4j training checkpoint (not a zip file)");
        Path empty = Files.createFile(dir.resolve("empty.zip"));
        assertThatThrownBy(() -> Checkpoint.readTrainer(empty))
                .hasMessage(empty + " is not a facenet4j training checkpoint (not a zip file)");
        assertThatThrownBy(() -> Checkpoint.readTrainer(dir.resolve("none.zip")))
                .hasMessage("Checkpoint not found: " + dir.resolve("none.zip"));
    }

    @Test
    void aTrainerRefusesToResumeFromADamagedCheckpoint() {
        Path run = dir.resolve("run");
        TrainerTest.builder(new LinearEmbedder(TrainerTest.DIMENSION, TrainerTest.INPUTS, 1), TrainerTest.config(10),
                run).build().run();
        Path checkpoint = run.resolve(Trainer.CHECKPOINT_FILE);
        byte[] bytes = read(checkpoint);
        bytes[bytes.length / 2] ^= 0x10;
        write(checkpoint, bytes);
        assertThatThrownBy(() -> TrainerTest.builder(new LinearEmbedder(TrainerTest.DIMENSION, TrainerTest.INPUTS, 1),
                TrainerTest.config(20), run).resumeFrom(checkpoint).build()).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("Checkpoint " + checkpoint + " is damaged (checksum ")
                .hasMessageEndingWith(ADVICE);
    }

    private static long crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
