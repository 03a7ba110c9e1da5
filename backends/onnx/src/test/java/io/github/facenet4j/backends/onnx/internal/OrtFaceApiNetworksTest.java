package io.github.facenet4j.backends.onnx.internal;

import static io.github.facenet4j.models.GraphCases.maxAbsDiff;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.models.FaceApiNetworksContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * face-api's real networks compiled to ONNX and run on ONNX Runtime (the contract: against the
 * reference executor and face-api's fixtures), and the same embeddings from a written .onnx
 * file and from one intra-op thread.
 */
class OrtFaceApiNetworksTest extends FaceApiNetworksContract {

    @Override
    protected Backend backend() {
        return new OrtBackend(OrtBackendConfig.defaults());
    }

    @Test
    void compiledModelWrittenToAFileRunsTheSame(@TempDir Path dir) throws IOException {
        Path model = Files.write(dir.resolve("dlib-resnet-29.onnx"), OrtGraphCompiler.compile(dlib()));

        try (Network fromFile = new OrtBackend(OrtBackendConfig.defaults()).load(model)) {
            assertThat(fromFile.run(dlibBatch(images(), BATCH))).isDeepEqualTo(embeddings());
        }
    }

    @Test
    void oneIntraOpThreadGivesTheSameEmbeddings() {
        try (Network single = new OrtBackend(OrtBackendConfig.defaults().withIntraOpThreads(1)).compile(dlib())) {
            assertThat(maxAbsDiff(single.run(dlibBatch(images(), BATCH)), embeddings())).isLessThanOrEqualTo(1e-5);
        }
    }
}
