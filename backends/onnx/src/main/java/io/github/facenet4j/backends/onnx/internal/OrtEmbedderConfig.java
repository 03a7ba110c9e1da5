package io.github.facenet4j.backends.onnx.internal;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Settings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Configuration of the {@link OrtEmbedder}.
 *
 * @param model          the {@code .onnx} file to run, or {@code null} when the embedder is
 *                       built from a graph compiled in memory
 * @param intraOpThreads threads ONNX Runtime uses inside one operator; 0 lets it choose
 *                       (one per physical core)
 * @param spinning       whether idle pool threads busy-wait for the next operator (ONNX
 *                       Runtime's default): lower latency on an otherwise idle machine, lost
 *                       cores on a busy one; off by default
 */
public record OrtEmbedderConfig(Path model, int intraOpThreads, boolean spinning) {

    /** Property keys, as written in {@code conf/facenet.embedder.onnx.cfg}. */
    public static final String MODEL = "model";
    public static final String INTRA_OP_THREADS = "intra-op-threads";
    public static final String SPINNING = "spinning";

    public OrtEmbedderConfig {
        if (intraOpThreads < 0) {
            throw new ConfigurationException("embedder " + OrtEmbedder.NAME + ": " + INTRA_OP_THREADS
                    + " must be ≥ 0 (0 = one per core), got " + intraOpThreads);
        }
    }

    /** No model file, as many intra-op threads as ONNX Runtime chooses, no spinning. */
    public static OrtEmbedderConfig defaults() {
        return new OrtEmbedderConfig(null, 0, false);
    }

    /** The same settings with another intra-op thread count. */
    public OrtEmbedderConfig withIntraOpThreads(int threads) {
        return new OrtEmbedderConfig(model, threads, spinning);
    }

    /** Reads {@code model} (a path), {@code intra-op-threads} and {@code spinning} (true or false). */
    public static OrtEmbedderConfig from(Map<String, ?> properties) {
        Settings settings = new Settings("embedder " + OrtEmbedder.NAME, properties);
        Object raw = properties.get(MODEL);
        Path model = null;
        if (raw != null && !raw.toString().isBlank()) {
            try {
                model = Path.of(raw.toString().trim());
            } catch (InvalidPathException e) {
                throw settings.outOfRange(MODEL, raw, "a file path");
            }
        }
        Object spin = properties.get(SPINNING);
        String flag = spin == null ? "false" : spin.toString().trim();
        if (!flag.equals("true") && !flag.equals("false")) {
            throw settings.outOfRange(SPINNING, spin, "true or false");
        }
        return new OrtEmbedderConfig(model, settings.getInt(INTRA_OP_THREADS, defaults().intraOpThreads()),
                Boolean.parseBoolean(flag));
    }
}
