package io.github.facenet4j.backends.dl4j.internal;

import io.github.facenet4j.api.BackendException;
import io.github.facenet4j.api.Device;
import io.github.facenet4j.api.EngineCalls;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J, started once per process. ND4J finds its backend (CPU or CUDA natives) with a
 * {@code ServiceLoader} on its own class loader setting, which defaults to the thread context
 * class loader: inside OSGi that is not the loader that sees the launcher class path, so it
 * is set to the one that loaded ND4J. JavaCPP unpacks the natives (≈ 400 MB) into its cache
 * directory on first use; {@code org.bytedeco.javacpp.cachedir} chooses that directory and
 * must be set before the first native class loads.
 */
final class Dl4jEngine {

    static final String NATIVE = "org.nd4j:nd4j-native:1.0.0-M2.1 (classifier linux-x86_64)";
    static final String CUDA = "org.nd4j:nd4j-cuda-11.6:1.0.0-M2.1 (classifier linux-x86_64; build with -Pcuda)";
    /** The CPU natives' library inside {@link #NATIVE}: without it ND4J cannot start. */
    static final String NATIVE_RESOURCE = "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64/libnd4jcpu.so";
    static final String CPU_BACKEND = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";
    static final String CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";

    private static Device started;

    private Dl4jEngine() {
    }

    /**
     * Starts ND4J on {@code device} (or checks that the started one is on it).
     *
     * @param cacheDir where JavaCPP unpacks the natives
     * @param progress where the one first-use line goes
     * @throws BackendException one line naming what is missing
     */
    static synchronized void start(Device device, Path cacheDir, PrintStream progress) {
        ClassLoader loader = Nd4j.class.getClassLoader();
        requireNatives(loader, device);
        if (started != null) {
            if (!started.equals(device)) {
                throw new BackendException("backend " + Dl4jBackend.NAME + ": ND4J already runs on " + started
                        + " in this process; it cannot switch to " + device, null);
            }
            return;
        }
        if (System.getProperty(CACHE_PROPERTY) == null) {
            System.setProperty(CACHE_PROPERTY, cacheDir.toString());
        }
        Path cache = Path.of(System.getProperty(CACHE_PROPERTY));
        if (!unpacked(cache)) {
            progress.println("backend " + Dl4jBackend.NAME + ": unpacking ND4J's native libraries (≈ 400 MB, once)"
                    + " into " + cache + " …");
        }
        EngineCalls.withContextClassLoader(loader, () -> {
            try {
                ND4JClassLoading.setNd4jClassloader(loader);
                Nd4j.getBackend();
                Nd4j.create(1); // loads the natives now rather than in the first network
                return null;
            } catch (RuntimeException | LinkageError e) {
                throw new BackendException("backend " + Dl4jBackend.NAME + ": ND4J failed to start: " + EngineCalls.rootMessage(e),
                        e);
            }
        });
        if (device.kind() == Device.Kind.GPU) {
            int gpus = Nd4j.getAffinityManager().getNumberOfDevices();
            if (device.index() >= gpus) {
                throw new BackendException("backend " + Dl4jBackend.NAME + ": device " + device + " asks for GPU "
                        + device.index() + " but CUDA sees " + gpus + " GPU(s)", null);
            }
            Nd4j.getAffinityManager().unsafeSetDevice(device.index());
        }
        started = device;
    }

    /** Fails with one line when the natives of {@code device} are not on the class path. */
    static void requireNatives(ClassLoader loader, Device device) {
        if (device.kind() == Device.Kind.GPU) {
            if (!present(loader, CUDA_BACKEND)) {
                throw new BackendException("backend " + Dl4jBackend.NAME + ": device " + device
                        + " needs ND4J's CUDA backend and an NVIDIA GPU; this installation has only the CPU natives."
                        + " Put " + CUDA + " on the class path, or use --device cpu", null);
            }
            return;
        }
        if (present(loader, CUDA_BACKEND) && !present(loader, CPU_BACKEND)) {
            throw new BackendException("backend " + Dl4jBackend.NAME + ": this installation has ND4J's CUDA backend"
                    + " only (a -Pcuda build), which runs on the GPU; use device gpu, or build without -Pcuda for the"
                    + " CPU", null);
        }
        if (!present(loader, CPU_BACKEND) || loader.getResource(NATIVE_RESOURCE) == null) {
            throw new BackendException("backend " + Dl4jBackend.NAME + ": ND4J's native library is missing; put "
                    + NATIVE + " on the class path (the installation's lib/)", null);
        }
    }

    private static boolean present(ClassLoader loader, String type) {
        try {
            Class.forName(type, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Whether JavaCPP's cache already holds the unpacked natives (one folder per jar it unpacked). */
    private static boolean unpacked(Path cache) {
        try (var entries = Files.list(cache)) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith("nd4j-native"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * Runs {@code action} with the lines SameDiff 1.0.0-M2.1 prints on {@code System.out} when
     * it builds a gradient function ("Added differentiated op conv2d", one per op type, whatever
     * the logging) dropped: standard output belongs to the command's result. Other output passes.
     */
    static synchronized void withoutGradientDebugLines(Runnable action) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(original, true) {
            @Override
            public void println(String line) {
                if (line == null || !line.startsWith("Added differentiated op")) {
                    super.println(line);
                }
            }
        });
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
    }

    /** Runs {@code action} with the thread context class loader set to ND4J's. */
    static <T> T call(Supplier<T> action) {
        return EngineCalls.withContextClassLoader(Nd4j.class.getClassLoader(), action);
    }
}
