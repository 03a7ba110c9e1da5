package io.github.facenet4j.backends.djl.internal;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtEngineProvider;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.github.facenet4j.api.BackendException;
import io.github.facenet4j.api.Device;
import io.github.facenet4j.api.EngineCalls;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * DJL's PyTorch engine, started without DJL's {@code ServiceLoader} registry (which fills a
 * static map once per class loader and misses bundles that come later): the provider is
 * constructed directly. Every call into the engine runs with the thread context class loader
 * set to the one that loaded DJL, because DJL looks up its native-library resources through
 * it (inside OSGi the bundle's own loader would not see them).
 */
final class DjlEngine {

    static final String API = "ai.djl:api:0.36.0";
    static final String ENGINE = "ai.djl.pytorch:pytorch-engine:0.36.0";
    static final String JNI = "ai.djl.pytorch:pytorch-jni:2.7.1-0.36.0";
    static final String NATIVE = "ai.djl.pytorch:pytorch-native-cpu:2.7.1 (classifier linux-x86_64)";
    /** Resources of the JNI and native jars: without them DJL would try to download the libraries. */
    static final String JNI_RESOURCE = "jnilib/pytorch.properties";
    static final String NATIVE_RESOURCE = "native/lib/pytorch.properties";

    /**
     * DJL's PyTorch gradient collector is one per process (a static flag; a second one throws
     * after switching grad mode on), so recording sections of all embedders take turns.
     */
    private static final ReentrantLock RECORDING = new ReentrantLock();

    static final String CUDA = "a CUDA build of PyTorch 2.7.1: DJL's pytorch-native-cu128 jar, classifier linux-x86_64";

    private final Engine engine;
    private final ClassLoader loader;
    private final ai.djl.Device device;

    private DjlEngine(Engine engine, ClassLoader loader, ai.djl.Device device) {
        this.engine = engine;
        this.loader = loader;
        this.device = device;
    }

    /**
     * Starts (or finds the started) PyTorch engine.
     *
     * @param intraOpThreads PyTorch's intra-op threads (process-wide), 0 to leave them
     * @param device         where new arrays live
     * @throws BackendException naming the missing jar, or with the engine's failure as cause
     */
    static DjlEngine start(int intraOpThreads, Device device) {
        ClassLoader loader = PtEngineProvider.class.getClassLoader();
        requireNatives(loader);
        Engine engine = withLoader(loader, () -> {
            try {
                Engine started = new PtEngineProvider().getEngine();
                if (intraOpThreads > 0) {
                    JniUtils.setNumThreads(intraOpThreads);
                }
                return started;
            } catch (RuntimeException | LinkageError e) {
                throw new BackendException("backend " + DjlBackend.NAME + ": the PyTorch engine failed to start: "
                        + rootMessage(e), e);
            }
        });
        if (device.kind() == Device.Kind.CPU) {
            return new DjlEngine(engine, loader, ai.djl.Device.cpu());
        }
        int gpus = withLoader(loader, engine::getGpuCount);
        if (device.index() >= gpus) {
            throw new BackendException("backend " + DjlBackend.NAME + ": device " + device + " needs PyTorch's CUDA"
                    + " natives (" + CUDA + ") and an NVIDIA GPU; PyTorch sees " + gpus + " GPU(s). Use device cpu",
                    null);
        }
        return new DjlEngine(engine, loader, ai.djl.Device.gpu(device.index()));
    }

    /** Fails with one line naming the first DJL jar whose resources {@code loader} cannot see. */
    static void requireNatives(ClassLoader loader) {
        if (loader.getResource(JNI_RESOURCE) == null) {
            throw new BackendException("backend " + DjlBackend.NAME + ": PyTorch's JNI library is missing; put "
                    + JNI + " on the class path", null);
        }
        if (loader.getResource(NATIVE_RESOURCE) == null) {
            throw new BackendException("backend " + DjlBackend.NAME + ": PyTorch's native library is missing; put "
                    + NATIVE + " on the class path", null);
        }
    }

    /** A new manager for arrays that live as long as the caller keeps it open. */
    NDManager newManager() {
        return call(() -> engine.newBaseManager(device));
    }

    /** Runs {@code action} with the thread context class loader set to DJL's. */
    <T> T call(Supplier<T> action) {
        return withLoader(loader, action);
    }

    /**
     * Runs {@code action} while PyTorch records operations on this thread for back-propagation;
     * recording ends when it returns (the recorded graph stays with the arrays it produced).
     */
    <T> T recording(Function<GradientCollector, T> action) {
        return call(() -> {
            RECORDING.lock();
            try (GradientCollector collector = engine.newGradientCollector()) {
                return action.apply(collector);
            } finally {
                RECORDING.unlock();
            }
        });
    }

    private static <T> T withLoader(ClassLoader loader, Supplier<T> action) {
        return EngineCalls.withContextClassLoader(loader, action);
    }

    /** The innermost message of a failure chain, on one line. */
    static String rootMessage(Throwable e) {
        return EngineCalls.rootMessage(e);
    }
}
