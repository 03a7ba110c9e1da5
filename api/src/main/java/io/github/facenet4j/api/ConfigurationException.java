package io.github.facenet4j.api;

/** A configuration value is missing, malformed or out of range; the message quotes it. */
public class ConfigurationException extends FaceNetException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }
}
