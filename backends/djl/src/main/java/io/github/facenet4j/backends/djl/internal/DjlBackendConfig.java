package io.github.facenet4j.backends.djl.internal;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Device;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the {@link DjlBackend}, as written in {@code conf/facenet.backend.djl.cfg}.
 *
 * @param intraOpThreads threads PyTorch uses inside one operator; 0 leaves PyTorch's choice
 *                       (one per core). PyTorch keeps one such setting per process: the
 *                       backend started last decides it for every DJL network in the JVM.
 * @param device         {@code cpu} (default) or {@code gpu[:N]}, which needs PyTorch's CUDA
 *                       natives ({@code -Pcuda})
 */
public record DjlBackendConfig(int intraOpThreads, Device device) {

    public static final String INTRA_OP_THREADS = "intra-op-threads";

    public DjlBackendConfig {
        Objects.requireNonNull(device, "device");
        if (intraOpThreads < 0) {
            throw new ConfigurationException("backend " + DjlBackend.NAME + ": " + INTRA_OP_THREADS
                    + " must be ≥ 0 (0 = one per core), got " + intraOpThreads);
        }
    }

    /** PyTorch's own thread count. */
    public static DjlBackendConfig defaults() {
        return new DjlBackendConfig(0, Device.CPU);
    }

    /** Reads {@code intra-op-threads} and {@code device}. */
    public static DjlBackendConfig from(Map<String, ?> properties) {
        Settings settings = Settings.forPlugin(PluginKind.BACKEND, DjlBackend.NAME, properties);
        int intraOpThreads = settings.getInt(INTRA_OP_THREADS, defaults().intraOpThreads());
        Device device = Device.from(settings);
        settings.refuseUnknownKeys();
        return new DjlBackendConfig(intraOpThreads, device);
    }
}
