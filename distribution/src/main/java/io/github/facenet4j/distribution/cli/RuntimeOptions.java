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
        FaceNetHome home = FaceNetHome.fromSystemProperty();
        Path directory = config != null ? config : home.conf();
        if (config != null && !Files.isDirectory(config)) {
            throw new ConfigurationException("--config " + config + " is not a directory of PID.cfg files.");
        }
        return Runtimes.start(runtime, home, PluginConfigurations.readDirectory(directory));
    }
}
