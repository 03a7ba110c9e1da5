package io.github.facenet4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The face-api pack's per-file pins, on copies of the real (fetched) pack: never on the cache itself. */
class FaceApiPackTest {

    @TempDir
    Path tmp;

    /** A copy of {@code entries} of the real pack in a fresh directory, as a user might hand one over. */
    private Path copyOf(Collection<String> entries) throws IOException {
        return RealModel.copyOf(entries, tmp.resolve("pack"));
    }

    private static Path fetch(Path dir, Collection<String> needed) {
        return FaceApiPack.fetch(Map.of(NpmPackCache.ENV, dir.toString()), Path.of("/nonexistent-home"), needed);
    }

    @Test
    void everyFileIsPinnedAndTheNetworksFilesAreAllOfTheWeights() {
        assertThat(FaceApiPack.PACKAGE.entries()).hasSize(15).containsAll(RealModel.weightFiles())
                .containsAll(FaceApiPack.SAMPLE_PHOTOS).contains(FaceApiPack.LICENSE);
        // RealModel fetched every file through the pins: the cache matches them all
        assertThat(fetch(RealModel.packageDir(), FaceApiPack.PACKAGE.entries())).isEqualTo(RealModel.packageDir());
    }

    @Test
    void aCopyWithTheWeightsButNoDemoPhotosServesTheNetworks() throws IOException {
        Path copy = copyOf(RealModel.weightFiles());
        assertThat(copy.resolve("demo")).doesNotExist();
        assertThat(fetch(copy, RealModel.weightFiles())).isEqualTo(copy);
        assertThat(TfjsWeights.read(copy.resolve(FaceApiPack.DETECTOR_MANIFEST))).isNotEmpty();
    }

    @Test
    void recognitionWeightsWithFlippedSignsAreRefused() throws IOException {
        Path copy = copyOf(FaceApiPack.RECOGNITION_FILES);
        Path shard = copy.resolve(FaceApiPack.RECOGNITION_SHARD);
        ByteBuffer floats = ByteBuffer.wrap(Files.readAllBytes(shard)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 200_000; i++) {
            floats.putFloat(4 * i, -floats.getFloat(4 * i));
        }
        Files.write(shard, floats.array());
        // the flipped file still parses: only the pin tells it from the real one
        assertThat(TfjsWeights.read(copy.resolve(FaceApiPack.RECOGNITION_MANIFEST))).isNotEmpty();
        assertThatThrownBy(() -> fetch(copy, FaceApiPack.RECOGNITION_FILES))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("Model file " + shard + " (sha256 " + NpmPackCache.sha256(shard)
                        + ", expected " + FaceApiPack.PACKAGE.files().get(FaceApiPack.RECOGNITION_SHARD) + ") is corrupt:")
                .hasMessageEndingWith("delete it (or the directory " + copy + ") and run again to fetch"
                        + " @vladmandic/face-api@1.7.15 anew, or point FACENET_MODEL_CACHE (--model-cache) at an intact"
                        + " copy");
    }
}
