package io.github.facenet4j.backends.onnx.internal;

import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.models.DlibResNet29;
import io.github.facenet4j.models.NpmPackCache;
import io.github.facenet4j.models.TfjsWeights;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * The real dlib ResNet-29 from face-api's weights, found in (or fetched into) the same
 * cache the models module's tests use: {@code FACENET_MODEL_CACHE} as a system property or
 * environment variable, else the user's cache directory. Never skipped: without the files
 * and without npm, the fetcher's message fails the test.
 */
final class RealDlib {

    private static Graph graph;

    private RealDlib() {
    }

    /** The folded graph (scales inside the convolutions), output: the L2-normalised embedding. */
    static synchronized Graph graph() {
        if (graph == null) {
            Map<String, String> env = new HashMap<>(System.getenv());
            String property = System.getProperty(NpmPackCache.ENV);
            if (property != null) {
                env.put(NpmPackCache.ENV, property);
            }
            Path dir = NpmPackCache.defaultDirectory(DlibResNet29.PACKAGE, env, Path.of(System.getProperty("user.home")));
            new NpmPackCache("npm", Duration.ofMinutes(5)).fetch(DlibResNet29.PACKAGE, dir);
            graph = DlibResNet29.foldedGraph(TfjsWeights.read(dir.resolve(DlibResNet29.MANIFEST)));
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
