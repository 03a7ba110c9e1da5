package io.github.facenet4j.models;

import io.github.facenet4j.api.nn.Tensor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The real face-api weights for tests: found in {@code FACENET_MODEL_CACHE} (system property,
 * then environment variable, default {@code ~/.cache/facenet4j/npm/face-api-1.7.15/}), fetched
 * there with {@code npm pack} and checked against the pinned sha256 when absent. Never skipped:
 * without npm and network, or a filled cache, these tests fail with the fetcher's message.
 */
final class RealModel {

    private static Map<String, Tensor> weights;

    private RealModel() {
    }

    static synchronized Map<String, Tensor> weights() {
        if (weights == null) {
            Map<String, String> env = new HashMap<>(System.getenv());
            String property = System.getProperty(NpmPackCache.ENV);
            if (property != null) {
                env.put(NpmPackCache.ENV, property);
            }
            Path dir = NpmPackCache.defaultDirectory(DlibResNet29.PACKAGE, env, Path.of(System.getProperty("user.home")));
            new NpmPackCache("npm", Duration.ofMinutes(5)).fetch(DlibResNet29.PACKAGE, dir);
            weights = TfjsWeights.read(dir.resolve(DlibResNet29.MANIFEST));
        }
        return weights;
    }
}
