package io.github.facenet4j.backends.dl4j.internal;

import io.github.facenet4j.api.Device;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the {@link Dl4jBackend}, as written in {@code conf/facenet.backend.dl4j.cfg}.
 *
 * @param device   where ND4J runs: {@code cpu} (the CPU natives, the default) or {@code gpu[:N]}
 *                 (needs the CUDA natives, {@code -Pcuda}). ND4J picks one per process.
 * @param cacheDir where JavaCPP unpacks ND4J's natives on first use (≈ 400 MB); the system
 *                 property {@code org.bytedeco.javacpp.cachedir}, when set, wins
 */
public record Dl4jBackendConfig(Device device, Path cacheDir) {

    public static final String CACHE_DIR = "cache-dir";

    public Dl4jBackendConfig {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(cacheDir, "cacheDir");
    }

    /** CPU, JavaCPP's own cache directory {@code ~/.javacpp/cache}. */
    public static Dl4jBackendConfig defaults() {
        return new Dl4jBackendConfig(Device.CPU, Path.of(System.getProperty("user.home"), ".javacpp", "cache"));
    }

    /** Reads {@code device} and {@code cache-dir}. */
    public static Dl4jBackendConfig from(Map<String, ?> properties) {
        Settings settings = Settings.forPlugin(PluginKind.BACKEND, Dl4jBackend.NAME, properties);
        Device device = Device.from(settings);
        String dir = settings.getString(CACHE_DIR, null);
        settings.refuseUnknownKeys();
        Path cacheDir = defaults().cacheDir();
        if (dir != null) {
            try {
                cacheDir = Path.of(dir);
            } catch (InvalidPathException e) {
                throw settings.outOfRange(CACHE_DIR, dir, "a directory path");
            }
        }
        return new Dl4jBackendConfig(device, cacheDir);
    }
}
