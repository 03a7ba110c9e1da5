package io.github.facenet4j.adapters.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.AdapterTraining;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EmbeddingSpace;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** conf/facenet.adapter.NAME.cfg: a bad value or key is one line naming the plugin. */
class AdapterSettingsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mlp|hidden|0|adapter mlp: hidden must be in [1, 4096], got 0",
        "mlp|epochs|-1|adapter mlp: epochs must be in [0, 10000], got -1",
        "mlp|batch|1|adapter mlp: batch must be in [2, 65536], got 1",
        "mlp|triplet-weight|-0.5|adapter mlp: triplet-weight must be a finite number ≥ 0, got -0.5",
        "linear|ridge|-1|adapter linear: ridge must be a finite number ≥ 0, got -1.0",
        "linear|fine-tune-epochs|20000|adapter linear: epochs must be in [0, 10000], got 20000",
        "linear|method|svd|adapter linear: method",
        "linear|ridg|0.1|adapter linear: unknown key 'ridg'",
    })
    void aBadSettingIsOneLineNamingThePlugin(String plugin, String key, String value, String expected) {
        Map<String, Object> properties = Map.of(key, value);
        assertThatThrownBy(() -> {
            if (plugin.equals("mlp")) {
                new MlpAdapter(properties);
            } else {
                new LinearAdapter(properties);
            }
        }).isInstanceOf(ConfigurationException.class).hasMessageStartingWith(expected);
    }

    @Test
    void procrustesBetweenTwoDimensionsIsOneLine() {
        EmbeddingSpace six = new EmbeddingSpace("a", "1", 2);
        EmbeddingSpace four = new EmbeddingSpace("b", "1", 3);
        AdapterTraining data = new AdapterTraining(six, four, new float[][] {{1, 0}}, new float[][] {{1, 0, 0}},
                Optional.empty(), 1);
        assertThatThrownBy(() -> new LinearAdapter(Map.of("method", "procrustes")).fit(data))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("adapter linear: method procrustes maps a space onto one of the same dimension, got 2 and"
                        + " 3; use method = ridge (or auto)");
    }
}
