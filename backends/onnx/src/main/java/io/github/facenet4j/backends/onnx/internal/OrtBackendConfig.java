package io.github.facenet4j.backends.onnx.internal;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import java.util.Map;

/**
 * Configuration of the {@link OrtBackend}, as written in {@code conf/facenet.backend.onnx.cfg}.
 *
 * @param intraOpThreads threads ONNX Runtime uses inside one operator; 0 lets it choose
 *                       (one per physical core)
 * @param spinning       whether idle pool threads busy-wait for the next operator (ONNX
 *                       Runtime's default): lower latency on an otherwise idle machine, lost
 *                       cores on a busy one; off by default
 */
public record OrtBackendConfig(int intraOpThreads, boolean spinning) {

    public static final String INTRA_OP_THREADS = "intra-op-threads";
    public static final String SPINNING = "spinning";

    public OrtBackendConfig {
        if (intraOpThreads < 0) {
            throw new ConfigurationException("backend " + OrtBackend.NAME + ": " + INTRA_OP_THREADS
                    + " must be ≥ 0 (0 = one per core), got " + intraOpThreads);
        }
    }

    /** As many intra-op threads as ONNX Runtime chooses, no spinning. */
    public static OrtBackendConfig defaults() {
        return new OrtBackendConfig(0, false);
    }

    /** The same settings with another intra-op thread count. */
    public OrtBackendConfig withIntraOpThreads(int threads) {
        return new OrtBackendConfig(threads, spinning);
    }

    /** Reads {@code intra-op-threads} and {@code spinning} (true or false). */
    public static OrtBackendConfig from(Map<String, ?> properties) {
        Settings settings = Settings.forPlugin(PluginKind.BACKEND, OrtBackend.NAME, properties);
        OrtBackendConfig d = defaults();
        boolean spinning = settings.getBoolean(SPINNING, d.spinning());
        int intraOpThreads = settings.getInt(INTRA_OP_THREADS, d.intraOpThreads());
        settings.refuseUnknownKeys();
        return new OrtBackendConfig(intraOpThreads, spinning);
    }
}
