package io.github.facenet4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.nn.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfjsWeightsTest {

    @TempDir
    Path dir;

    private Path write(String manifest, byte[]... shards) throws IOException {
        for (int i = 0; i < shards.length; i++) {
            Files.write(dir.resolve("shard" + (i + 1) + ".bin"), shards[i]);
        }
        return Files.writeString(dir.resolve("m-weights_manifest.json"), manifest);
    }

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer b = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    @Test
    void readsFloatAndQuantisedWeightsAcrossShardsInOrder() throws IOException {
        // w: 2×2 float32; q: 3 uint8 levels 0, 1, 255 with min −1 and scale 0.5; u: uint16 level 513;
        // i: int32 7. The first shard ends in the middle of q, as tfjs splits at 4 MB boundaries.
        byte[] all = concat(floats(1.5f, -2, 0, 3.25f), new byte[] {0, 1, (byte) 255},
                new byte[] {1, 2}, new byte[] {7, 0, 0, 0});
        byte[] first = java.util.Arrays.copyOfRange(all, 0, 17);
        byte[] second = java.util.Arrays.copyOfRange(all, 17, all.length);
        Path manifest = write("""
                [{"paths": ["shard1.bin", "shard2.bin"], "weights": [
                  {"name": "a/w", "shape": [2, 2], "dtype": "float32"},
                  {"name": "a/q", "shape": [3], "dtype": "float32",
                   "quantization": {"dtype": "uint8", "min": -1.0, "scale": 0.5}},
                  {"name": "a/u", "shape": [1], "dtype": "float32",
                   "quantization": {"dtype": "uint16", "min": 0, "scale": 1e-2}},
                  {"name": "i", "shape": [], "dtype": "int32"}]}]
                """, first, second);
        Map<String, Tensor> w = TfjsWeights.read(manifest);
        assertThat(w.keySet()).containsExactly("a/w", "a/q", "a/u", "i");
        assertThat(w.get("a/w").shape()).containsExactly(2, 2);
        assertThat(w.get("a/w").values()).containsExactly(1.5f, -2, 0, 3.25f);
        assertThat(w.get("a/q").values()).containsExactly(-1, -0.5f, 126.5f);
        assertThat(w.get("a/u").values()).containsExactly((float) (513 * 1e-2));
        assertThat(w.get("i").values()).containsExactly(7);
    }

    @Test
    void missingManifestOrShardIsOneClearLine() throws IOException {
        assertThatThrownBy(() -> TfjsWeights.read(dir.resolve("nope.json"))).isInstanceOf(BadInputException.class)
                .hasMessage("No tfjs weights manifest at " + dir.resolve("nope.json"));
        Path manifest = write("[{\"paths\": [\"gone.bin\"], \"weights\": []}]");
        assertThatThrownBy(() -> TfjsWeights.read(manifest)).isInstanceOf(BadInputException.class)
                .hasMessage("Missing weight shard " + dir.resolve("gone.bin") + " named in " + manifest);
    }

    @Test
    void truncatedOrOversizedShardIsRejected() throws IOException {
        Path manifest = write("[{\"paths\": [\"shard1.bin\"], \"weights\": "
                + "[{\"name\": \"w\", \"shape\": [3], \"dtype\": \"float32\"}]}]", floats(1, 2));
        assertThatThrownBy(() -> TfjsWeights.read(manifest)).isInstanceOf(BadInputException.class)
                .hasMessage("Weight 'w' needs 12 bytes but the shards of " + manifest
                        + " have only 8 left (truncated .bin?)");
        write("[]", floats(1, 2, 3, 4));
        Path longer = write("[{\"paths\": [\"shard1.bin\"], \"weights\": "
                + "[{\"name\": \"w\", \"shape\": [3], \"dtype\": \"float32\"}]}]", floats(1, 2, 3, 4));
        assertThatThrownBy(() -> TfjsWeights.read(longer))
                .hasMessage("Shards of " + longer + " hold 4 bytes more than the manifest's weights need");
    }

    @Test
    void badJsonAndUnsupportedDtypesAreRejected() throws IOException {
        Path broken = write("[{\"paths\": [}");
        assertThatThrownBy(() -> TfjsWeights.read(broken)).isInstanceOf(BadInputException.class)
                .hasMessage("Manifest " + broken + " is not valid JSON: unexpected character '}' at offset 12");
        Path half = write("[{\"paths\": [\"shard1.bin\"], \"weights\": [{\"name\": \"h\", \"shape\": [2], "
                + "\"dtype\": \"float32\", \"quantization\": {\"dtype\": \"float16\"}}]}]", new byte[4]);
        assertThatThrownBy(() -> TfjsWeights.read(half)).hasMessage("Weight 'h' in " + half
                + " is stored as 'float16'; supported: float32, int32, uint8 or uint16 quantised");
        Path noName = write("[{\"paths\": [], \"weights\": [{\"shape\": [2], \"dtype\": \"float32\"}]}]");
        assertThatThrownBy(() -> TfjsWeights.read(noName))
                .hasMessage("Manifest " + noName + ": expected a string for a weight name, got null");
    }
}
