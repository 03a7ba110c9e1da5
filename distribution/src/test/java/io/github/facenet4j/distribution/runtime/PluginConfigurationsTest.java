package io.github.facenet4j.distribution.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginConfigurationsTest {

    @TempDir
    Path directory;

    @Test
    void readsOnePidPerCfgFileAndIgnoresComments() throws Exception {
        Files.writeString(directory.resolve("facenet.loss.triplet.cfg"), "# margin\nmargin = 0.5 \nreduction=sum\n");
        Files.writeString(directory.resolve("notes.txt"), "not a configuration");
        PluginConfigurations configurations = PluginConfigurations.readDirectory(directory);
        assertThat(configurations.all()).containsOnlyKeys("facenet.loss.triplet");
        assertThat(configurations.forPid("facenet.loss.triplet")).isEqualTo(Map.of("margin", "0.5", "reduction", "sum"));
        assertThat(configurations.forPid("facenet.miner.semi-hard")).isEmpty();
    }

    @Test
    void missingDirectoryMeansDefaults() {
        assertThat(PluginConfigurations.readDirectory(directory.resolve("absent")).all()).isEmpty();
    }

    @Test
    void malformedFileIsReportedWithItsPath() throws Exception {
        Path bad = directory.resolve("facenet.loss.triplet.cfg");
        Files.writeString(bad, "margin = \\u12G4\n");
        assertThatThrownBy(() -> PluginConfigurations.readDirectory(directory))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Cannot read configuration file " + bad);
    }

    @Test
    void pidNamesKindAndPlugin() {
        assertThat(PluginKind.MINER.configurationPid("semi-hard")).isEqualTo("facenet.miner.semi-hard");
    }
}
