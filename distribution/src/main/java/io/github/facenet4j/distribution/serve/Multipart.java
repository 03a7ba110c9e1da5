package io.github.facenet4j.distribution.serve;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A {@code multipart/form-data} body (RFC 7578, framed as RFC 2046 §5.1.1 says) split into
 * its parts. The body is already in memory, read within the service's body limit, so the
 * parts are slices of it; this is only the framing: the boundary from the Content-Type, each
 * part's headers (of which {@code Content-Disposition: form-data; name="…"} is required) and
 * its content. Every malformation is one {@link HttpError} 400 line.
 */
final class Multipart {

    /** More parts than any request of the service needs is a mistake, not a larger request. */
    static final int MAX_PARTS = 16;
    /** A part's headers are a few short lines; more is not a form. */
    private static final int MAX_HEADER_BYTES = 8 * 1024;

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};

    /**
     * One part.
     *
     * @param name        the form field's name
     * @param filename    the file name the client gave, or {@code null}
     * @param contentType the part's Content-Type, or {@code null}
     * @param content     its bytes
     */
    record Part(String name, String filename, String contentType, byte[] content) {
    }

    private Multipart() {
    }

    /** The boundary parameter of a {@code multipart/form-data} Content-Type (RFC 2046: 1 to 70 characters). */
    static String boundary(String contentType) {
        String boundary = parameter(contentType, "boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new HttpError(400, "multipart/form-data needs a boundary of 1 to 70 characters in its Content-Type,"
                    + " got " + (boundary == null ? "none" : boundary.length() + " characters"));
        }
        return boundary;
    }

    /** The parts of {@code body}, in order. */
    static List<Part> parse(byte[] body, String boundary) {
        byte[] dashBoundary = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] delimiter = concat(CRLF, dashBoundary);
        // the first boundary may open the body, or follow a preamble and a line break
        int at = startsWith(body, 0, dashBoundary) ? 0 : indexOf(body, delimiter, 0);
        if (at < 0) {
            throw new HttpError(400, "multipart body has no boundary line --" + boundary);
        }
        at += at == 0 && startsWith(body, 0, dashBoundary) ? dashBoundary.length : delimiter.length;
        List<Part> parts = new ArrayList<>();
        while (true) {
            if (startsWith(body, at, new byte[] {'-', '-'})) {
                return parts; // the close delimiter; an epilogue after it is ignored
            }
            at = skipLinearWhiteSpace(body, at);
            if (!startsWith(body, at, CRLF)) {
                throw new HttpError(400, "multipart boundary line is not followed by a line break");
            }
            at += CRLF.length;
            int headersEnd = indexOf(body, HEADERS_END, at - CRLF.length);
            if (headersEnd < 0 || headersEnd - at > MAX_HEADER_BYTES) {
                throw new HttpError(400, "multipart part " + (parts.size() + 1) + " has no end of its headers"
                        + " (an empty line) within " + MAX_HEADER_BYTES + " bytes");
            }
            String headers = headersEnd < at ? "" : new String(body, at, headersEnd - at, StandardCharsets.UTF_8);
            int contentStart = headersEnd + HEADERS_END.length;
            int next = nextDelimiter(body, delimiter, contentStart);
            if (next < 0) {
                throw new HttpError(400, "multipart body ends without its closing boundary --" + boundary + "--");
            }
            if (parts.size() == MAX_PARTS) {
                throw new HttpError(400, "multipart body has more than " + MAX_PARTS + " parts");
            }
            parts.add(part(headers, Arrays.copyOfRange(body, contentStart, next), parts.size() + 1));
            at = next + delimiter.length;
        }
    }

    private static Part part(String headers, byte[] content, int number) {
        String disposition = null;
        String type = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (line.isEmpty()) {
                continue;
            }
            if (colon <= 0) {
                throw new HttpError(400, "multipart part " + number + " has a header line without a colon");
            }
            String header = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (header.equals("content-disposition")) {
                disposition = value;
            } else if (header.equals("content-type")) {
                type = value;
            }
        }
        if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw new HttpError(400, "multipart part " + number + " has no Content-Disposition: form-data header");
        }
        String name = parameter(disposition, "name");
        if (name == null || name.isEmpty()) {
            throw new HttpError(400, "multipart part " + number + " has no name in its Content-Disposition");
        }
        return new Part(name, parameter(disposition, "filename"), type, content);
    }

    /**
     * The value of parameter {@code name} in a header value such as
     * {@code form-data; name="image"; filename="a b.jpg"} or
     * {@code multipart/form-data; boundary=XyZ}: a token, or a quoted string whose
     * backslash escapes are undone; {@code null} when absent.
     */
    static String parameter(String headerValue, String name) {
        int i = headerValue.indexOf(';');
        while (i >= 0 && i < headerValue.length()) {
            int start = i + 1;
            while (start < headerValue.length() && headerValue.charAt(start) == ' ') {
                start++;
            }
            int eq = headerValue.indexOf('=', start);
            if (eq < 0) {
                return null;
            }
            String key = headerValue.substring(start, eq).strip();
            int pos = eq + 1;
            String value;
            if (pos < headerValue.length() && headerValue.charAt(pos) == '"') {
                StringBuilder sb = new StringBuilder();
                pos++;
                while (pos < headerValue.length() && headerValue.charAt(pos) != '"') {
                    char c = headerValue.charAt(pos);
                    if (c == '\\' && pos + 1 < headerValue.length()) {
                        c = headerValue.charAt(++pos);
                    }
                    sb.append(c);
                    pos++;
                }
                value = sb.toString();
                pos++; // the closing quote
                i = headerValue.indexOf(';', pos);
            } else {
                int end = headerValue.indexOf(';', pos);
                value = headerValue.substring(pos, end < 0 ? headerValue.length() : end).strip();
                i = end;
            }
            if (key.equalsIgnoreCase(name)) {
                return value;
            }
        }
        return null;
    }

    /**
     * The next delimiter that ends a part: followed by "--" (the last) or by optional white
     * space and a line break; a line that only starts like it is content.
     */
    private static int nextDelimiter(byte[] body, byte[] delimiter, int from) {
        for (int at = indexOf(body, delimiter, from); at >= 0; at = indexOf(body, delimiter, at + 1)) {
            int after = at + delimiter.length;
            if (startsWith(body, after, new byte[] {'-', '-'})
                    || startsWith(body, skipLinearWhiteSpace(body, after), CRLF)) {
                return at;
            }
        }
        return -1;
    }

    private static int skipLinearWhiteSpace(byte[] body, int at) {
        while (at < body.length && (body[at] == ' ' || body[at] == '\t')) {
            at++;
        }
        return at;
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        if (at < 0 || at + prefix.length > body.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (body[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    /** The first index at or after {@code from} where {@code pattern} starts, or -1. */
    private static int indexOf(byte[] body, byte[] pattern, int from) {
        byte first = pattern[0];
        for (int i = Math.max(from, 0), last = body.length - pattern.length; i <= last; i++) {
            if (body[i] == first && startsWith(body, i, pattern)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
