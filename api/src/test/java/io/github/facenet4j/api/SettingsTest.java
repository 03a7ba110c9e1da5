package io.github.facenet4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keys no getter asks for are refused, except those the framework adds. */
class SettingsTest {

    enum Mode { PER_PAIR, ALL }

    /** The semi-hard miner's five reads, in the order its config record makes them. */
    private static final List<Consumer<Settings>> SEMI_HARD_READS = List.of(
            settings -> settings.getDouble("margin", 0.2),
            settings -> settings.getChoice("selection", Mode.class, Mode.ALL),
            settings -> settings.getChoice("fallback", Mode.class, Mode.ALL),
            settings -> settings.getChoice("mode", Mode.class, Mode.PER_PAIR),
            settings -> settings.getLong("max-triplets", 0));

    private static Settings readSemiHard(Map<String, ?> properties, List<Consumer<Settings>> reads) {
        Settings settings = Settings.forPlugin(PluginKind.MINER, "semi-hard", properties);
        reads.forEach(read -> read.accept(settings));
        return settings;
    }

    private static Settings readSemiHard(Map<String, ?> properties) {
        return readSemiHard(properties, SEMI_HARD_READS);
    }

    @Test
    void aMisspeltKeyIsRefusedNamingItTheKnownKeysAndTheFile() {
        Settings settings = readSemiHard(Map.of("margn", "0.3"));
        assertThatThrownBy(settings::refuseUnknownKeys)
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("miner semi-hard: unknown key 'margn' (known: fallback, margin, max-triplets, mode,"
                        + " selection); check conf/facenet.miner.semi-hard.cfg");
    }

    @Test
    void theFirstUnknownKeyInAlphabeticalOrderIsNamedWhateverOrderTheKeysComeOrAreAskedIn() {
        Map<String, ?> properties = Map.of("zeta", "1", "mode", "all", "beta", "1", "alpha-x", "1", "margin", "0.3");
        List<Consumer<Settings>> reversed = new ArrayList<>(SEMI_HARD_READS);
        Collections.reverse(reversed);
        String expected = "miner semi-hard: unknown key 'alpha-x' (known: fallback, margin, max-triplets, mode,"
                + " selection); check conf/facenet.miner.semi-hard.cfg";
        assertThatThrownBy(readSemiHard(properties, reversed)::refuseUnknownKeys).hasMessage(expected);
        assertThatThrownBy(readSemiHard(properties)::refuseUnknownKeys).hasMessage(expected);
    }

    @Test
    void knownKeysSetOrNotAreNotRefused() {
        assertThatCode(readSemiHard(Map.of("margin", "0.3", "mode", "all", "max-triplets", 7))::refuseUnknownKeys)
                .doesNotThrowAnyException();
        assertThatCode(readSemiHard(Map.of())::refuseUnknownKeys).doesNotThrowAnyException();
    }

    @Test
    void aKeyIsKnownOnlyOnceAGetterHasAskedForIt() {
        Settings settings = Settings.forPlugin(PluginKind.LOSS, "triplet", Map.of("margin", "0.3"));
        assertThatThrownBy(settings::refuseUnknownKeys)
                .hasMessage("loss triplet: unknown key 'margin' (known: none); check conf/facenet.loss.triplet.cfg");
        settings.getDouble("margin", 0.2);
        assertThatCode(settings::refuseUnknownKeys).doesNotThrowAnyException();
    }

    @Test
    void aReaderThatIsNotAPluginsNamesNoFile() {
        Settings settings = new Settings("face detector tiny", Map.of("input-sise", "416"));
        settings.getInt("input-size", 512);
        assertThatThrownBy(settings::refuseUnknownKeys)
                .hasMessage("face detector tiny: unknown key 'input-sise' (known: input-size)");
    }

    /** What SCR, ConfigAdmin, FileInstall and facenet4j add to the properties a component gets. */
    @ParameterizedTest
    @ValueSource(strings = {"component.name", "component.id", "service.pid", "service.factoryPid",
            "service.bundleLocation", "service.ranking", "service.id", "objectClass", "felix.fileinstall.filename",
            Plugin.NAME_PROPERTY, "osgi.ds.satisfying.condition.target", ".private"})
    void frameworkKeysAreNeverRefused(String key) {
        assertThat(Settings.isFrameworkKey(key)).isTrue();
        assertThatCode(readSemiHard(Map.of(key, "x", "margin", "0.3"))::refuseUnknownKeys)
                .doesNotThrowAnyException();
    }

    /** Near misses of the framework families, and dotted or capitalised spellings of our own keys. */
    @ParameterizedTest
    @ValueSource(strings = {"component", "servicepid", "objectclass", "felix", "facenet-name", "max.triplets",
            "Margin", "osgi"})
    void keysOutsideTheFrameworkFamiliesAreRefused(String key) {
        assertThat(Settings.isFrameworkKey(key)).isFalse();
        assertThatThrownBy(readSemiHard(Map.of(key, "x"))::refuseUnknownKeys)
                .hasMessageStartingWith("miner semi-hard: unknown key '" + key + "' (known: ");
    }

    @Test
    void booleansAreTrueOrFalseOnly() {
        Settings settings = new Settings("backend onnx", Map.of("a", "true", "b", false, "c", " false "));
        assertThat(settings.getBoolean("a", false)).isTrue();
        assertThat(settings.getBoolean("b", true)).isFalse();
        assertThat(settings.getBoolean("c", true)).isFalse();
        assertThat(settings.getBoolean("missing", true)).isTrue();
        assertThatThrownBy(() -> new Settings("backend onnx", Map.of("spinning", "yes")).getBoolean("spinning", false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("backend onnx: spinning must be true or false, got 'yes'");
    }
}
