package io.github.facenet4j.api;

/** Input data (a batch, a file, an image) cannot be used; the message says why. */
public class BadInputException extends FaceNetException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
