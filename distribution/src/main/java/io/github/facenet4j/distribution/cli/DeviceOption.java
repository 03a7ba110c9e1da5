package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.Device;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.distribution.runtime.PluginConfigurations;
import picocli.CommandLine.Option;

/**
 * {@code --device cpu|gpu[:N]}: where the chosen backend runs. Given, it wins over the
 * {@code device} key of the backend's configuration file; absent, the file decides (CPU when it
 * says nothing).
 */
public final class DeviceOption {

    @Option(names = "--device", paramLabel = "cpu|gpu[:N]",
            description = "Where the backend runs: cpu, gpu or gpu:N (default: the backend's device setting, cpu)."
                    + " A GPU needs the GPU natives (build with -Pcuda) and an NVIDIA GPU.")
    String device;

    /**
     * {@code configurations} with the backend's {@code device} set to this option's value.
     *
     * @throws io.github.facenet4j.api.ConfigurationException for a value that is not a device
     */
    public PluginConfigurations apply(PluginConfigurations configurations, String backend) {
        if (device == null) {
            return configurations;
        }
        Device parsed = Device.parse(device);
        return configurations.with(PluginKind.BACKEND.configurationPid(backend), Device.KEY, parsed.toString());
    }
}
