package io.github.facenet4j.backends.onnx.internal;

import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.models.DlibResNet29;
import io.github.facenet4j.models.RealModel;
import java.util.Random;

/**
 * The real dlib ResNet-29 on face-api's weights, as the models module's tests find or fetch
 * them ({@link RealModel}). Never skipped: without the files and without npm, the fetcher's
 * message fails the test.
 */
final class RealDlib {

    private static Graph graph;

    private RealDlib() {
    }

    /** The folded graph (scales inside the convolutions), output: the L2-normalised embedding. */
    static synchronized Graph graph() {
        if (graph == null) {
            graph = DlibResNet29.foldedGraph(RealModel.weights());
        }
        return graph;
    }

    /** {@code count} preprocessed random 150×150 RGB images, NCHW. */
    static float[] randomImages(int count, long seed) {
        Random random = new Random(seed);
        int n = DlibResNet29.INPUT_SIZE;
        float[] rgb = new float[count * 3 * n * n];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = random.nextInt(256);
        }
        return DlibResNet29.preprocess(rgb);
    }
}
