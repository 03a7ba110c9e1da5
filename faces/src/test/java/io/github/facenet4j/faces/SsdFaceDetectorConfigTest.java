package io.github.facenet4j.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SsdFaceDetectorConfigTest {

    @Test
    void defaultsAreFaceApis() {
        assertThat(SsdFaceDetectorConfig.defaults()).isEqualTo(new SsdFaceDetectorConfig(0.5, 0.5, 100));
        assertThat(SsdFaceDetectorConfig.from(Map.of())).isEqualTo(SsdFaceDetectorConfig.defaults());
    }

    @Test
    void readsProperties() {
        SsdFaceDetectorConfig c = SsdFaceDetectorConfig.from(Map.of("min-confidence", "0.6", "iou-threshold", 0.3,
                "max-results", "5"));

        assertThat(c).isEqualTo(new SsdFaceDetectorConfig(0.6, 0.3, 5));
    }

    @Test
    void rejectsValuesOutOfRangeInOneLine() {
        assertThatThrownBy(() -> new SsdFaceDetectorConfig(1, 0.5, 100))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("detector ssd: min-confidence must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> new SsdFaceDetectorConfig(Double.NaN, 0.5, 100))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("min-confidence");
        assertThatThrownBy(() -> new SsdFaceDetectorConfig(0.5, -0.1, 100))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("detector ssd: iou-threshold must be in [0, 1], got -0.1");
        assertThatThrownBy(() -> new SsdFaceDetectorConfig(0.5, 0.5, 0))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("detector ssd: max-results must be at least 1, got 0");
        assertThatThrownBy(() -> SsdFaceDetectorConfig.from(Map.of("max-results", "many")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("detector ssd: max-results must be a whole number, got 'many'");
        assertThatThrownBy(() -> SsdFaceDetectorConfig.from(Map.of("input-size", "640")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("detector ssd: unknown key 'input-size' (known: iou-threshold, max-results,"
                        + " min-confidence); check conf/facenet.detector.ssd.cfg");
    }
}
