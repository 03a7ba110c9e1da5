package io.github.facenet4j.api.math;

import java.util.function.Supplier;

/**
 * Picks a kernel on the JDK vector API when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the {@code facenet} launcher and the build's
 * tests do so), else the plain-Java one. The vector class is loaded by name only then, so
 * that this module runs on a JVM without the incubator module.
 */
final class VectorModule {

    private VectorModule() {
    }

    static <T> T kernel(Class<T> type, String vectorClassName, Supplier<? extends T> scalar) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return type.cast(Class.forName(vectorClassName).getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | LinkageError e) {
                return scalar.get();
            }
        }
        return scalar.get();
    }
}
