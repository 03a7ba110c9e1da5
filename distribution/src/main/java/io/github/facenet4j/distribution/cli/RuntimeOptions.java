package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.distribution.FaceNetHome;
import io.github.facenet4j.distribution.runtime.PluginConfigurations;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.distribution.runtime.RuntimeKind;
import io.github.facenet4j.distribution.runtime.Runtimes;
import java.nio.file.Files;
import java.nio.file.Path;
import io.github.facenet4j.api.ConfigurationException;
import picocli.CommandLine.Option;

/** Options every command that uses plugins shares: which runtime, which configuration. */
public final class RuntimeOptions {

    @Option(names = "--runtime", paramLabel = "osgi|plain", defaultValue = "osgi",
            description = "Plugin wiring: embedded Felix OSGi (default) or Guice on the plain JVM.")
    RuntimeKind runtime = RuntimeKind.OSGI;

    @Option(names = "--config", paramLabel = "DIR",
            description = "Directory of plugin configuration files PID.cfg (default: the installation's conf/).")
    Path config;

    /** Starts the chosen runtime; close it when done. */
    public PluginRuntime start() {
        return start(configurations());
    }

    /** Starts the chosen runtime with {@code configurations} (derived from {@link #configurations()}). */
    public PluginRuntime start(PluginConfigurations configurations) {
        return Runtimes.start(runtime, FaceNetHome.fromSystemProperty(), configurations);
    }

    /** The configurations of {@code --config} or the installation's {@code conf/}. */
    public PluginConfigurations configurations() {
        if (config != null && !Files.isDirectory(config)) {
            throw new ConfigurationException("--config " + config + " is not a directory of PID.cfg files.");
        }
        return PluginConfigurations.readDirectory(config != null ? config : FaceNetHome.fromSystemProperty().conf());
    }
}
