package io.github.facenet4j.api;

import java.util.List;

/**
 * No plugin of a kind is registered under a name. The message lists the names that are,
 * e.g. {@code No miner 'semihard'. Available: batch-all, curriculum, hardest, random, semi-hard.}
 */
public class UnknownPluginException extends FaceNetException {
    private static final long serialVersionUID = 1L;

    private final PluginKind kind;
    private final String requested;
    private final List<String> available;

    public UnknownPluginException(PluginKind kind, String requested, List<String> available) {
        super(message(kind, requested, available));
        this.kind = kind;
        this.requested = requested;
        this.available = List.copyOf(available);
    }

    private static String message(PluginKind kind, String requested, List<String> available) {
        String names = available.isEmpty() ? "none are installed" : String.join(", ", available);
        return "No " + kind.label() + " '" + requested + "'. Available: " + names + ".";
    }

    public PluginKind kind() {
        return kind;
    }

    public String requested() {
        return requested;
    }

    /** The registered names of that kind, sorted. */
    public List<String> available() {
        return available;
    }
}
