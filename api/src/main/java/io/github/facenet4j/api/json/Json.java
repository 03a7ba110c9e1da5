package io.github.facenet4j.api.json;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small JSON (RFC 8259) facenet4j writes and reads back: model cards, tfjs manifests,
 * checkpoints' trainer state, the training log and the CLI's {@code --json} output. Writing
 * takes maps, lists, arrays, strings, numbers, booleans and null, either compact
 * ({@link #write}) or laid out for reading ({@link #writePretty}); doubles are written with
 * {@link Double#toString} and floats with {@link Float#toString} (the shortest text that reads
 * back as the same float); non-finite numbers, which JSON cannot hold, are written as null.
 * Reading gives
 * {@link LinkedHashMap}s in document order, {@link List}s, strings, booleans, null, and
 * numbers as {@link Long} when written without fraction or exponent and within long range
 * (seeds survive exactly), otherwise {@link Double} (doubles survive exactly, being written
 * with {@link Double#toString}). Parse errors are {@link IllegalArgumentException}s with the
 * character offset; callers name the file.
 */
public final class Json {

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** One JSON text for {@code value}, without line breaks. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, false, 0);
        return sb.toString();
    }

    /**
     * One JSON text for {@code value} laid out for reading: every member and element on a
     * line of its own, indented by two spaces a level, {@code "key": value}, and empty
     * objects and arrays as {@code {}} and {@code []}. No line break at the end.
     */
    public static String writePretty(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, true, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value, boolean pretty, int depth) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            string(sb, s);
        } else if (value instanceof Boolean b) {
            sb.append(b);
        } else if (value instanceof Float f) {
            sb.append(Float.isFinite(f) ? Float.toString(f) : "null");
        } else if (value instanceof Double d) {
            sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (value instanceof Number n) {
            sb.append(n.longValue());
        } else if (value instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                lineBreak(sb, pretty, depth + 1);
                string(sb, e.getKey().toString());
                sb.append(pretty ? ": " : ":");
                write(sb, e.getValue(), pretty, depth + 1);
            }
            if (!map.isEmpty()) {
                lineBreak(sb, pretty, depth);
            }
            sb.append('}');
        } else if (value instanceof List<?> || value.getClass().isArray()) {
            List<?> list = value instanceof List<?> l ? l : elements(value);
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                lineBreak(sb, pretty, depth + 1);
                write(sb, list.get(i), pretty, depth + 1);
            }
            if (!list.isEmpty()) {
                lineBreak(sb, pretty, depth);
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("Cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    /** The elements of an array of any component type, primitives boxed. */
    private static List<Object> elements(Object array) {
        List<Object> list = new ArrayList<>(Array.getLength(array));
        for (int i = 0; i < Array.getLength(array); i++) {
            list.add(Array.get(array, i));
        }
        return list;
    }

    private static void lineBreak(StringBuilder sb, boolean pretty, int depth) {
        if (pretty) {
            sb.append('\n').append("  ".repeat(depth));
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Parses one JSON value that makes up the whole text. */
    public static Object parse(String text) {
        Json json = new Json(text);
        json.space();
        Object value = json.value();
        json.space();
        if (json.pos != text.length()) {
            throw json.error("unexpected text after the value");
        }
        return value;
    }

    /** Parses a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " at offset " + pos);
    }

    private void space() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end of JSON");
        }
        return text.charAt(pos);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "' but found '" + peek() + "'");
        }
        pos++;
    }

    private Object value() {
        char c = peek();
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected character '" + peek() + "'");
        }
        pos += word.length();
        return value;
    }

    private Map<String, Object> object() {
        expect('{');
        Map<String, Object> map = new LinkedHashMap<>();
        space();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            space();
            String key = string();
            space();
            expect(':');
            space();
            map.put(key, value());
            space();
            if (peek() == ',') {
                pos++;
            } else {
                expect('}');
                return map;
            }
        }
    }

    private List<Object> array() {
        expect('[');
        List<Object> list = new ArrayList<>();
        space();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            space();
            list.add(value());
            space();
            if (peek() == ',') {
                pos++;
            } else {
                expect(']');
                return list;
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = peek();
            pos++;
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = peek();
            pos++;
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("short \\u escape");
                    }
                    try {
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                }
                default -> throw error("bad escape '\\" + e + "'");
            }
        }
    }

    private Number number() {
        int start = pos;
        boolean integral = true;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            if ("eE.".indexOf(text.charAt(pos)) >= 0) {
                integral = false;
            }
            pos++;
        }
        String token = text.substring(start, pos);
        if (token.isEmpty()) {
            throw error("unexpected character '" + peek() + "'");
        }
        try {
            if (integral) {
                try {
                    return Long.parseLong(token);
                } catch (NumberFormatException tooLong) {
                    return Double.parseDouble(token);
                }
            }
            return Double.parseDouble(token);
        } catch (NumberFormatException e) {
            pos = start;
            throw error("bad number '" + token + "'");
        }
    }

    /** The value under {@code key} as a long (it must be a whole number). */
    public static long longValue(Map<String, Object> map, String key) {
        Object v = map.get(key);
        if (v instanceof Long l) {
            return l;
        }
        throw new IllegalArgumentException("'" + key + "' must be a whole number, got " + v);
    }

    /** The value under {@code key} as a double; null (a non-finite value) reads as NaN. */
    public static double doubleValue(Map<String, Object> map, String key) {
        Object v = map.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v == null && map.containsKey(key)) {
            return Double.NaN;
        }
        throw new IllegalArgumentException("'" + key + "' must be a number, got " + v);
    }

    /** The value under {@code key} as a boolean. */
    public static boolean booleanValue(Map<String, Object> map, String key) {
        Object v = map.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("'" + key + "' must be true or false, got " + v);
    }

    /** The value under {@code key} as a string. */
    public static String stringValue(Map<String, Object> map, String key) {
        Object v = map.get(key);
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("'" + key + "' must be a string, got " + v);
    }

    /** The value under {@code key} as an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> objectValue(Map<String, Object> map, String key) {
        Object v = map.get(key);
        if (v instanceof Map) {
            return (Map<String, Object>) v;
        }
        throw new IllegalArgumentException("'" + key + "' must be an object, got " + v);
    }
}
