package io.github.facenet4j.distribution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.distribution.faces.SamplePhotos;
import io.github.facenet4j.models.FaceApiPack;
import io.github.facenet4j.models.RealModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model pack a command loads from {@code --model-cache}: each file it needs checked
 * against its pin (a damaged one refused in one line, exit 2), and only those files needed.
 * Always on copies of the real pack, never on the cache itself.
 */
class ModelCacheCliTest {

    @TempDir
    Path dir;

    private Path packCopy(String name, List<String> entries) throws IOException {
        return RealModel.copyOf(entries, dir.resolve(name));
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aCorruptWeightsFileInTheModelCacheIsRefusedBeforeItIsLoaded() throws Exception {
        Path copy = packCopy("corrupt", RealModel.weightFiles());
        Path shard = copy.resolve(FaceApiPack.LANDMARKS_SHARD);
        byte[] bytes = Files.readAllBytes(shard);
        bytes[1000] ^= (byte) 0x80;
        Files.write(shard, bytes);
        CliTest.Run run = CliTest.run("embed", "--runtime", "plain", "--model-cache", copy.toString(),
                SamplePhotos.all().get(1).toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("facenet: Model file " + shard + " (sha256 " + sha256(bytes) + ", expected "
                + FaceApiPack.PACKAGE.files().get(FaceApiPack.LANDMARKS_SHARD) + ") is corrupt: delete it (or the"
                + " directory " + copy + ") and run again to fetch @vladmandic/face-api@1.7.15 anew, or point"
                + " FACENET_MODEL_CACHE (--model-cache) at an intact copy" + System.lineSeparator());
    }

    @Test
    void aCacheWithTheWeightsButNoDemoPhotosServesTheCommandsThatNeedOnlyWeights() throws IOException {
        Path copy = packCopy("weights-only", RealModel.weightFiles());
        CliTest.Run models = CliTest.run("models", "--model-cache", copy.toString());
        assertThat(models.exitCode()).as(models.err()).isZero();
        assertThat(models.out()).contains("tiny-face-detector", "face-landmark-68", "dlib-resnet-v1");
        // The paper's architectures follow, beside the paper's figures (issue 14).
        assertThat(models.out()).containsPattern("nn2 +3×224×224 +7\\.5 M +1596\\.5 M +7\\.5 M +1600\\.0 M +Table 2")
                .contains("nn1", "nns1", "nns2", "PAPER FLOPS", "DIFFERENCE");

        Path detectorOnly = packCopy("detector-only", FaceApiPack.DETECTOR_FILES);
        CliTest.Run one = CliTest.run("models", "tiny-face-detector", "--model-cache", detectorOnly.toString());
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out()).contains("conv");
        // nothing was fetched: what the command did not need is still absent
        assertThat(detectorOnly.resolve("demo")).doesNotExist();
        assertThat(detectorOnly.resolve(FaceApiPack.RECOGNITION_SHARD)).doesNotExist();
    }
}
