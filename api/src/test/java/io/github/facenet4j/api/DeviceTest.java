package io.github.facenet4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceTest {

    @Test
    void parsesTheThreeFormsAndWritesThemBack() {
        assertThat(Device.parse("cpu")).isEqualTo(Device.CPU);
        assertThat(Device.parse("gpu")).isEqualTo(new Device(Device.Kind.GPU, 0));
        assertThat(Device.parse(" gpu:3 ")).isEqualTo(new Device(Device.Kind.GPU, 3));
        assertThat(Device.parse("gpu").toString()).isEqualTo("gpu:0");
        assertThat(Device.parse("cpu").toString()).isEqualTo("cpu");
        assertThat(Device.parse("gpu:12").asProperties()).isEqualTo(Map.of("device", "gpu:12"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tpu", "GPU", "gpu:", "gpu:-1", "gpu:x", "cpu:0", "gpu:123456789", ""})
    void refusesAnythingElseQuotingIt(String text) {
        assertThatThrownBy(() -> Device.parse(text))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Unknown device '" + text + "'; use cpu, gpu or gpu:N (N = the GPU's index)");
    }

    @Test
    void aBackendConfigurationDefaultsToTheCpuAndNamesItsFileOnABadValue() {
        assertThat(Device.from(Settings.forPlugin(PluginKind.BACKEND, "onnx", Map.of()))).isEqualTo(Device.CPU);
        assertThat(Device.from(Settings.forPlugin(PluginKind.BACKEND, "onnx", Map.of("device", "gpu:1"))))
                .isEqualTo(new Device(Device.Kind.GPU, 1));
        assertThatThrownBy(() -> Device.from(Settings.forPlugin(PluginKind.BACKEND, "onnx", Map.of("device", "tpu"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("backend onnx: device must be cpu, gpu or gpu:N, got 'tpu'");
        assertThatThrownBy(() -> new Device(Device.Kind.CPU, 1)).isInstanceOf(ConfigurationException.class)
                .hasMessage("A device index must be ≥ 0 and only a GPU has one, got CPU 1");
    }
}
