package io.github.facenet4j.distribution.serve;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the service answers with {@code status} and the one-line message as
 * {@code {"error": message, "status": status}}: the protocol's errors (400, 401, 404, 405,
 * 413, 415, 503) raised where they are found. Errors of the work itself (an image that is
 * not one, no face) are the api's exceptions, mapped to statuses in one place
 * ({@link FaceService}).
 */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();

    HttpError(int status, String message) {
        super(message, null, false, false); // an answer, not a failure: no stack trace to fill
        this.status = status;
    }

    int status() {
        return status;
    }

    /** Adds a response header ({@code Allow}, {@code Retry-After}, {@code WWW-Authenticate}, …). */
    HttpError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Map<String, String> headers() {
        return Map.copyOf(headers);
    }
}
