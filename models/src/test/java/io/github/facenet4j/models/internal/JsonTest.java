package io.github.facenet4j.models.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    @SuppressWarnings("unchecked")
    void readsNestedValuesInDocumentOrder() {
        Object v = Json.parse(" {\"b\": [1, -2.5e-3, true, null], \"a\": {\"s\": \"x\\\"\\n\\u00e9/\"}, \"c\": []} ");
        assertThat(v).isInstanceOf(Map.class);
        Map<String, Object> m = (Map<String, Object>) v;
        assertThat(m.keySet()).containsExactly("b", "a", "c");
        assertThat((List<Object>) m.get("b")).containsExactlyElementsOf(Arrays.asList(1.0, -0.0025, true, null));
        assertThat(((Map<?, ?>) m.get("a")).get("s")).isEqualTo("x\"\né/");
        assertThat((List<Object>) m.get("c")).isEmpty();
    }

    @Test
    void reportsWhereTheTextGoesWrong() {
        assertThatThrownBy(() -> Json.parse("[1, 2")).hasMessage("unexpected end of JSON at offset 5");
        assertThatThrownBy(() -> Json.parse("{\"a\" 1}")).hasMessage("expected ':' but found '1' at offset 5");
        assertThatThrownBy(() -> Json.parse("[1] x")).hasMessage("unexpected text after the value at offset 4");
        assertThatThrownBy(() -> Json.parse("[1.2.3]")).hasMessage("bad number '1.2.3]' at offset 1");
        assertThatThrownBy(() -> Json.parse("tru")).hasMessage("expected true at offset 0");
    }
}
