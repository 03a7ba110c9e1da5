package io.github.facenet4j.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Property
    void longsAndDoublesSurviveExactly(@ForAll long l, @ForAll double d, @ForAll String s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("l", l);
        m.put("d", d);
        m.put("s", s);
        Map<String, Object> back = Json.parseObject(Json.write(m));
        assertThat(back.get("l")).isEqualTo(l);
        assertThat(back.get("s")).isEqualTo(s);
        if (Double.isFinite(d)) {
            assertThat(back.get("d")).isEqualTo(d);
        } else {
            assertThat(back.get("d")).isNull();
        }
    }

    @Test
    void nestedValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", List.of(1L, 2.5, "x\n\"y\"", true, Arrays.asList((Object) null)));
        m.put("b", Map.of("c", false));
        String text = Json.write(m);
        assertThat(text).isEqualTo("{\"a\":[1,2.5,\"x\\n\\\"y\\\"\",true,[null]],\"b\":{\"c\":false}}");
        assertThat(Json.parse(text)).isEqualTo(m);
        assertThat(Json.parse(" {\"u\" : \"\\u00e9\" } ")).isEqualTo(Map.of("u", "é"));
    }

    @Test
    void errorsGiveTheOffset() {
        assertThatThrownBy(() -> Json.parse("{\"a\":}")).hasMessage("unexpected character '}' at offset 5");
        assertThatThrownBy(() -> Json.parse("[1,2")).hasMessage("unexpected end of JSON at offset 4");
        assertThatThrownBy(() -> Json.parse("{} x")).hasMessage("unexpected text after the value at offset 3");
        assertThatThrownBy(() -> Json.parseObject("[]")).hasMessage("expected a JSON object");
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsNestedValuesInDocumentOrder() {
        Object v = Json.parse(" {\"b\": [1, -2.5e-3, true, null], \"a\": {\"s\": \"x\\\"\\n\\u00e9/\"}, \"c\": []} ");
        assertThat(v).isInstanceOf(Map.class);
        Map<String, Object> m = (Map<String, Object>) v;
        assertThat(m.keySet()).containsExactly("b", "a", "c");
        assertThat((List<Object>) m.get("b")).containsExactlyElementsOf(Arrays.asList(1L, -0.0025, true, null));
        assertThat(((Map<?, ?>) m.get("a")).get("s")).isEqualTo("x\"\né/");
        assertThat((List<Object>) m.get("c")).isEmpty();
    }

    @Test
    void reportsWhereTheTextGoesWrong() {
        assertThatThrownBy(() -> Json.parse("[1, 2")).hasMessageContaining("at offset 5");
        assertThatThrownBy(() -> Json.parse("{\"a\" 1}")).hasMessageContaining("at offset 5");
        assertThatThrownBy(() -> Json.parse("[1] x")).hasMessageContaining("at offset 4");
        assertThatThrownBy(() -> Json.parse("tru")).hasMessageContaining("at offset 0");
    }
}
