package io.github.facenet4j.distribution.serve;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.distribution.cli.OptionRange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * How {@code facenet serve} listens and how much work it takes on, checked once here: every
 * bad value is one {@link ConfigurationException} line naming the option and the value.
 *
 * @param bind      the address to listen on; one that is not a loopback address needs an API key
 * @param port      0–65535; 0 takes any free port ({@link FaceService#port()} tells which)
 * @param workers   requests computed at once, each on a thread of its own
 * @param queue     admitted requests that wait for a worker; beyond workers + queue a request is 503
 * @param maxBodyMb the largest request body, in MiB, held in memory while a request is read
 * @param apiKey    the key every request but {@code GET /health} must carry; {@code null} for none
 */
public record ServeSettings(String bind, int port, int workers, int queue, int maxBodyMb, String apiKey) {

    /** The default port, as most local HTTP services use. */
    public static final int DEFAULT_PORT = 8080;
    /** The default address: this machine only. */
    public static final String LOOPBACK = "127.0.0.1";
    /** The default body limit: a large camera JPEG fits, base64 of it (4/3 larger) too. */
    public static final int DEFAULT_MAX_BODY_MB = 20;
    /** The shortest API key accepted: 16 characters leave guessing hopeless. */
    public static final int MIN_KEY_LENGTH = 16;

    private static final OptionRange PORT = OptionRange.between("--port", 0, 65535, "");
    private static final OptionRange WORKERS = OptionRange.between("--workers", 1, 256,
            "each worker computes one request, holding its decoded images");
    private static final OptionRange QUEUE = OptionRange.between("--queue", 0, 10_000,
            "each waiting request holds an open connection");
    private static final OptionRange MAX_BODY = OptionRange.between("--max-body-mb", 1, 1024,
            "a body is held in memory while its request is computed");

    public ServeSettings {
        if (bind == null || bind.isBlank()) {
            throw new ConfigurationException("--bind needs an address, got '" + bind + "'");
        }
        PORT.check(port);
        WORKERS.check(workers);
        QUEUE.check(queue);
        MAX_BODY.check(maxBodyMb);
        if (apiKey != null && apiKey.length() < MIN_KEY_LENGTH) {
            throw new ConfigurationException("--api-key-file: the key has " + apiKey.length()
                    + " characters, fewer than " + MIN_KEY_LENGTH + "; use a long random one (e.g. openssl rand -hex 32)");
        }
        InetAddress address = resolve(bind);
        if (!address.isLoopbackAddress() && apiKey == null) {
            throw new ConfigurationException("--bind " + bind + " is not a loopback address: anyone who reaches this"
                    + " machine could use the service; give --api-key-file FILE too, or bind " + LOOPBACK);
        }
    }

    /** Loopback, port 8080, one worker per processor and twice as many waiting, 20 MiB bodies, no key. */
    public static ServeSettings defaults() {
        int processors = Runtime.getRuntime().availableProcessors();
        return new ServeSettings(LOOPBACK, DEFAULT_PORT, processors, 2 * processors, DEFAULT_MAX_BODY_MB, null);
    }

    /** The largest body in bytes. */
    public long maxBodyBytes() {
        return maxBodyMb * 1024L * 1024L;
    }

    /** Where to listen. */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(resolve(bind), port);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "ServeSettings[bind=" + bind + ", port=" + port + ", workers=" + workers + ", queue=" + queue
                + ", maxBodyMb=" + maxBodyMb + ", apiKey=" + (apiKey == null ? "none" : "set") + "]";
    }

    /** The key in {@code file}: its text without surrounding white space (a trailing newline). */
    public static String readApiKey(Path file) {
        String key;
        try {
            key = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("--api-key-file " + file + ": no such file");
        } catch (IOException e) {
            throw new ConfigurationException("--api-key-file " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        if (key.isEmpty()) {
            throw new ConfigurationException("--api-key-file " + file + " is empty; write the key into it");
        }
        if (key.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new ConfigurationException("--api-key-file " + file + ": the key must be one word of printable ASCII"
                    + " (it travels in an HTTP header)");
        }
        return key;
    }

    private static InetAddress resolve(String bind) {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new ConfigurationException("--bind " + bind + ": not an address of this machine (unknown host)");
        }
    }
}
