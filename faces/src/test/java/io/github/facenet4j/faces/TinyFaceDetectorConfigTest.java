package io.github.facenet4j.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TinyFaceDetectorConfigTest {

    @Test
    void defaultsAreFaceApisButTheInputSize() {
        assertThat(TinyFaceDetectorConfig.defaults()).isEqualTo(new TinyFaceDetectorConfig(512, 0.5, 0.4, 0));
        assertThat(TinyFaceDetectorConfig.from(Map.of())).isEqualTo(TinyFaceDetectorConfig.defaults());
        assertThat(TinyFaceDetectorConfig.defaults().withInputSize(608).inputSize()).isEqualTo(608);
    }

    @Test
    void readsProperties() {
        TinyFaceDetectorConfig c = TinyFaceDetectorConfig.from(Map.of("input-size", "512", "score-threshold", "0.6",
                "iou-threshold", 0.3, "min-face-size", "24"));

        assertThat(c).isEqualTo(new TinyFaceDetectorConfig(512, 0.6, 0.3, 24));
    }

    @Test
    void rejectsValuesOutOfRangeInOneLine() {
        assertThatThrownBy(() -> new TinyFaceDetectorConfig(400, 0.5, 0.4, 0))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("detector tiny: input-size must be a positive multiple of 32 (face-api: 416), got 400");
        assertThatThrownBy(() -> new TinyFaceDetectorConfig(0, 0.5, 0.4, 0))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> new TinyFaceDetectorConfig(416, 1, 0.4, 0))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("score-threshold must be in (0, 1)");
        assertThatThrownBy(() -> new TinyFaceDetectorConfig(416, Double.NaN, 0.4, 0))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("score-threshold");
        assertThatThrownBy(() -> new TinyFaceDetectorConfig(416, 0.5, 1.5, 0))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("iou-threshold must be in [0, 1]");
        assertThatThrownBy(() -> new TinyFaceDetectorConfig(416, 0.5, 0.4, -1))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("min-face-size");
        assertThatThrownBy(() -> TinyFaceDetectorConfig.from(Map.of("input-size", "big")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("detector tiny: input-size must be a whole number, got 'big'");
        assertThatThrownBy(() -> TinyFaceDetectorConfig.from(Map.of("typo", "1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("detector tiny: unknown key 'typo' (known: input-size, iou-threshold, min-face-size,"
                        + " score-threshold); check conf/facenet.detector.tiny.cfg");
    }
}
