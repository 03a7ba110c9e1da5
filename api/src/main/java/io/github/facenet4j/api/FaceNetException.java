package io.github.facenet4j.api;

/**
 * Root of every exception facenet4j throws on purpose. Its message is written for the
 * user: one line saying what was wrong and what to do. Command-line front ends print the
 * message alone and exit non-zero.
 */
public class FaceNetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FaceNetException(String message) {
        super(message);
    }

    public FaceNetException(String message, Throwable cause) {
        super(message, cause);
    }
}
