package io.github.facenet4j.backends.onnx.internal;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Device;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the {@link OrtBackend}, as written in {@code conf/facenet.backend.onnx.cfg}.
 *
 * @param intraOpThreads threads ONNX Runtime uses inside one operator; 0 lets it choose
 *                       (one per physical core)
 * @param spinning       whether idle pool threads busy-wait for the next operator (ONNX
 *                       Runtime's default): lower latency on an otherwise idle machine, lost
 *                       cores on a busy one; off by default
 * @param device         {@code cpu} (default) or {@code gpu[:N]}: ONNX Runtime's CUDA execution
 *                       provider, which needs the GPU build ({@code -Pcuda})
 */
public record OrtBackendConfig(int intraOpThreads, boolean spinning, Device device) {

    public static final String INTRA_OP_THREADS = "intra-op-threads";
    public static final String SPINNING = "spinning";

    public OrtBackendConfig {
        Objects.requireNonNull(device, "device");
        if (intraOpThreads < 0) {
            throw new ConfigurationException("backend " + OrtBackend.NAME + ": " + INTRA_OP_THREADS
                    + " must be ≥ 0 (0 = one per core), got " + intraOpThreads);
        }
    }

    /** As many intra-op threads as ONNX Runtime chooses, no spinning. */
    public static OrtBackendConfig defaults() {
        return new OrtBackendConfig(0, false, Device.CPU);
    }

    /** The same settings with another intra-op thread count. */
    public OrtBackendConfig withIntraOpThreads(int threads) {
        return new OrtBackendConfig(threads, spinning, device);
    }

    /** Reads {@code intra-op-threads}, {@code spinning} (true or false) and {@code device}. */
    public static OrtBackendConfig from(Map<String, ?> properties) {
        Settings settings = Settings.forPlugin(PluginKind.BACKEND, OrtBackend.NAME, properties);
        OrtBackendConfig d = defaults();
        boolean spinning = settings.getBoolean(SPINNING, d.spinning());
        int intraOpThreads = settings.getInt(INTRA_OP_THREADS, d.intraOpThreads());
        Device device = Device.from(settings);
        settings.refuseUnknownKeys();
        return new OrtBackendConfig(intraOpThreads, spinning, device);
    }
}
