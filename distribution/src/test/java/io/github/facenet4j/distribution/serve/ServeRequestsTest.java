package io.github.facenet4j.distribution.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The service's settings and multipart framing, without a server. */
class ServeRequestsTest {

    private static final String KEY = "0123456789abcdef";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1 | -1 | 1 | 0 | 20 | --port must be in [0, 65535], got -1",
            "127.0.0.1 | 8080 | 0 | 0 | 20 | --workers must be in [1, 256]",
            "127.0.0.1 | 8080 | 1 | -1 | 20 | --queue must be in [0, 10000]",
            "127.0.0.1 | 8080 | 1 | 0 | 0 | --max-body-mb must be in [1, 1024]",
            "0.0.0.0 | 8080 | 1 | 0 | 20 | --bind 0.0.0.0 is not a loopback address"})
    void badSettingsAreOneLineNamingTheOption(String bind, int port, int workers, int queue, int mb, String message) {
        assertThatThrownBy(() -> new ServeSettings(bind, port, workers, queue, mb, null))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void anExposedAddressIsAcceptedWithAKeyWhichNeverPrints() {
        ServeSettings settings = new ServeSettings("0.0.0.0", 0, 2, 4, 20, KEY);
        assertThat(settings.maxBodyBytes()).isEqualTo(20L * 1024 * 1024);
        assertThat(settings.toString()).doesNotContain(KEY).contains("apiKey=set");
        assertThat(ServeSettings.defaults().bind()).isEqualTo("127.0.0.1");
        assertThat(ServeSettings.defaults().queue()).isEqualTo(2 * ServeSettings.defaults().workers());
    }

    @Test
    void multipartSplitsPartsByTheBoundaryOfTheContentType() {
        String type = "multipart/form-data; charset=utf-8; boundary=\"a b\\\"c\"";
        String boundary = Multipart.boundary(type);
        assertThat(boundary).isEqualTo("a b\"c");
        String body = "preamble\r\n--a b\"c\r\ncontent-disposition: form-data; name=\"first\"; filename=\"x;y.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n\r\n--a b\"c-not-yet\r\n--a b\"c  \r\n"
                + "Content-Disposition: form-data; name=second\r\n\r\n\r\n--a b\"c--\r\nepilogue";
        List<Multipart.Part> parts = Multipart.parse(body.getBytes(StandardCharsets.UTF_8), boundary);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).name()).isEqualTo("first");
        assertThat(parts.get(0).filename()).isEqualTo("x;y.jpg");
        assertThat(parts.get(0).contentType()).isEqualTo("image/jpeg");
        assertThat(new String(parts.get(0).content(), StandardCharsets.UTF_8))
                .as("a line that only starts like the boundary is content").isEqualTo("\r\n--a b\"c-not-yet");
        assertThat(parts.get(1).name()).isEqualTo("second");
        assertThat(parts.get(1).content()).isEmpty();

        assertThatThrownBy(() -> Multipart.boundary("multipart/form-data")).isInstanceOf(HttpError.class)
                .hasMessageContaining("needs a boundary");
        assertThatThrownBy(() -> Multipart.parse("--b\r\nX: y\r\n\r\nabc\r\n--b--".getBytes(StandardCharsets.UTF_8), "b"))
                .hasMessage("multipart part 1 has no Content-Disposition: form-data header");
        assertThatThrownBy(() -> Multipart.parse("no boundary here".getBytes(StandardCharsets.UTF_8), "b"))
                .hasMessage("multipart body has no boundary line --b");
    }
}
