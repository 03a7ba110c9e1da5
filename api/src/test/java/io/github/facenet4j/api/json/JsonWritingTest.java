package io.github.facenet4j.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layout for reading, arrays, and float formatting. */
class JsonWritingTest {

    private static Map<String, Object> document() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("on", true);
        inner.put("none", null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "a \"b\"");
        m.put("count", 3);
        m.put("rates", List.of(0.5, 2L));
        m.put("empty", List.of());
        m.put("nothing", Map.of());
        m.put("inner", inner);
        m.put("grid", List.of(List.of(1L), List.of()));
        return m;
    }

    @Test
    void prettyPutsEveryMemberAndElementOnItsOwnLineIndentedByTwoSpaces() {
        assertThat(Json.writePretty(document())).isEqualTo("""
                {
                  "name": "a \\"b\\"",
                  "count": 3,
                  "rates": [
                    0.5,
                    2
                  ],
                  "empty": [],
                  "nothing": {},
                  "inner": {
                    "on": true,
                    "none": null
                  },
                  "grid": [
                    [
                      1
                    ],
                    []
                  ]
                }""");
    }

    @Test
    void prettyAndCompactTextsReadBackAsTheSameValue() {
        Object compact = Json.parse(Json.write(document()));
        assertThat(Json.parse(Json.writePretty(document()))).isEqualTo(compact);
        assertThat(Json.write(document())).doesNotContain("\n").doesNotContain(": ");
        assertThat(Json.writePretty(List.of())).isEqualTo("[]");
        assertThat(Json.writePretty("x")).isEqualTo("\"x\"");
    }

    @Test
    void primitiveAndObjectArraysAreWrittenAsArrays() {
        assertThat(Json.write(new double[] {1.5, -2})).isEqualTo("[1.5,-2.0]");
        assertThat(Json.write(new int[] {7, -1})).isEqualTo("[7,-1]");
        assertThat(Json.write(new String[] {"a", null})).isEqualTo("[\"a\",null]");
        assertThat(Json.write(new float[0])).isEqualTo("[]");
        assertThat(Json.writePretty(Map.of("box", new double[] {1, 2}))).isEqualTo("{\n  \"box\": [\n    1.0,\n    2.0\n  ]\n}");
    }

    @Test
    void floatsAreWrittenShortestAndReadBackAsTheSameFloat() {
        float[] values = {0.1f, -0.07905027f, 1e-8f, 3.4028235e38f, 255f};
        String text = Json.write(values);
        // Float.toString of each, not the double widening's 0.10000000149011612
        assertThat(text).isEqualTo("[0.1,-0.07905027,1.0E-8,3.4028235E38,255.0]");
        List<?> back = (List<?>) Json.parse(text);
        for (int i = 0; i < values.length; i++) {
            assertThat(((Number) back.get(i)).floatValue()).isEqualTo(values[i]);
        }
    }

    @Test
    void nonFiniteNumbersAreWrittenAsNull() {
        assertThat(Json.write(Arrays.asList(Float.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY)))
                .isEqualTo("[null,null,null]");
        assertThat(Json.writePretty(Map.of("fraction", Double.NaN))).isEqualTo("{\n  \"fraction\": null\n}");
    }

    @Test
    void booleanValueReadsOnlyBooleans() {
        Map<String, Object> m = Json.parseObject("{\"yes\": true, \"no\": false, \"text\": \"yes\"}");
        assertThat(Json.booleanValue(m, "yes")).isTrue();
        assertThat(Json.booleanValue(m, "no")).isFalse();
        assertThatThrownBy(() -> Json.booleanValue(m, "text")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'text' must be true or false, got yes");
        assertThatThrownBy(() -> Json.booleanValue(m, "absent")).hasMessage("'absent' must be true or false, got null");
    }

    @Test
    void objectsOfOtherTypesAreRefused() {
        assertThatThrownBy(() -> Json.writePretty(List.of(new StringBuilder("x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot write a java.lang.StringBuilder as JSON");
    }
}
