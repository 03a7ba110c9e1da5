package io.github.facenet4j.distribution.runtime;

import io.github.facenet4j.distribution.FaceNetHome;

/** Starts the runtime a user chose, configured from the installation's {@code conf/}. */
public final class Runtimes {

    private Runtimes() {
    }

    /**
     * Starts a runtime, first sweeping the temporary folders that ended processes left
     * ({@link TemporaryFolders#sweep}), whichever runtime this one is.
     *
     * @param kind          OSGi (default) or plain
     * @param home          the installation (bundles/ for OSGi)
     * @param configurations plugin configurations, usually {@code home.conf()} read
     */
    public static PluginRuntime start(RuntimeKind kind, FaceNetHome home, PluginConfigurations configurations) {
        TemporaryFolders.sweep(TemporaryFolders.root());
        return switch (kind) {
            case OSGI -> FelixRuntime.start(home, configurations);
            case PLAIN -> java.nio.file.Files.isDirectory(home.bundles()) ? GuiceRuntime.start(home.bundles(), configurations)
                    : GuiceRuntime.start(configurations);
        };
    }
}
