package io.github.facenet4j.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.Draw;
import io.github.facenet4j.api.RandomCases;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void longsAndDoublesSurviveExactly() {
        RandomCases.check(1000, random -> {
            assertSurvivesExactly(random.nextLong(), anyDouble(random), anyString(random));
        });
    }

    /** The values a random draw seldom or never hits, every long with every double and string. */
    @Test
    void extremeLongsDoublesAndStringsSurviveExactly() {
        long[] longs = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1, (1L << 53) + 1};
        double[] doubles = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -3.0,
            0.1 + 0.2, 1e-7, 1e21, 9.007199254740993e15};
        String[] strings = {"", "\"", "\\", "/", "\u0000", "\u001f", "\u007f", "\b\f\n\r\t", "\ud800", "\udfff",
            "\udc00\ud800", "\ud83d\ude00", "\u2028\u2029", "\ufeff\ufffe\uffff", "\u00e9\u4e2d"};
        for (long l : longs) {
            for (double d : doubles) {
                for (String s : strings) {
                    assertSurvivesExactly(l, d, s);
                }
            }
        }
    }

    private static void assertSurvivesExactly(long l, double d, String s) {
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

    /**
     * Any double, three ways alike: random bits (every exponent, subnormals, now and then a NaN
     * or an infinity), a number of hundredths such as 1234.56, or a whole number of any size.
     */
    private static double anyDouble(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> Double.longBitsToDouble(random.nextLong());
            case 1 -> random.nextLong(-100_000_000, 100_000_001) / 100.0;
            default -> (double) (random.nextLong() >> random.nextInt(64));
        };
    }

    /**
     * Up to 255 UTF-16 units of any value, lone surrogates, noncharacters and controls included;
     * one in four is ASCII (controls, quotes and backslashes among them) so that escapes are frequent.
     */
    private static String anyString(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        for (int i = Draw.between(random, 0, 255); i > 0; i--) {
            sb.append((char) (random.nextInt(4) == 0 ? random.nextInt(128) : random.nextInt(Character.MAX_VALUE + 1)));
        }
        return sb.toString();
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
