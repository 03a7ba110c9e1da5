package io.github.facenet4j.api;

/** A compute backend (its native engine, its model) failed; the engine's error is the cause. */
public class BackendException extends FaceNetException {
    private static final long serialVersionUID = 1L;

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
