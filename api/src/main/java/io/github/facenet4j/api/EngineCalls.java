package io.github.facenet4j.api;

import java.util.function.Supplier;

/** What every backend does around calls into its native engine. */
public final class EngineCalls {

    private EngineCalls() {
    }

    /**
     * Runs {@code action} with the thread context class loader set to {@code loader}: engines
     * (DJL, ND4J) look up their natives and providers through it, and inside OSGi a bundle's
     * thread would otherwise carry a loader that cannot see the launcher class path.
     */
    public static <T> T withContextClassLoader(ClassLoader loader, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The innermost message of a failure chain, on one line (an engine's own words). */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage().strip();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).strip();
    }
}
