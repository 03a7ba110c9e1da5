package io.github.facenet4j.distribution.serve;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@code GET /metrics} reports: requests per endpoint and status, requests refused for
 * saturation, and latency percentiles per endpoint over a window of the most recent
 * {@value #WINDOW} requests (from the moment the request reached a handler to the last byte
 * of its answer, so time waiting for a worker is included). Thread-safe.
 */
public final class Metrics {

    /** Latencies kept per endpoint: enough for a stable p99, small enough to sort per scrape. */
    public static final int WINDOW = 1024;

    private final Map<String, Map<Integer, LongAdder>> counts = new ConcurrentHashMap<>();
    private final Map<String, Window> latencies = new ConcurrentHashMap<>();
    private final LongAdder rejected = new LongAdder();

    /** A ring of the last {@link #WINDOW} latencies. */
    private static final class Window {
        private final long[] nanos = new long[WINDOW];
        private long seen;

        synchronized void add(long value) {
            nanos[(int) (seen++ % WINDOW)] = value;
        }

        synchronized long[] snapshot() {
            return Arrays.copyOf(nanos, (int) Math.min(seen, WINDOW));
        }
    }

    /** Counts one answered request. */
    void record(String endpoint, int status, long nanos) {
        counts.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>()).computeIfAbsent(status, s -> new LongAdder())
                .increment();
        latencies.computeIfAbsent(endpoint, e -> new Window()).add(nanos);
    }

    /** Counts one request refused because every worker and queue place was taken. */
    void rejected() {
        rejected.increment();
    }

    long rejectedCount() {
        return rejected.sum();
    }

    /** The {@code /metrics} document; {@code inFlight} and the pool sizes come from the service. */
    Map<String, Object> snapshot(long uptimeMs, int inFlight, int workers, int queue) {
        Map<String, Object> requests = new TreeMap<>();
        counts.forEach((endpoint, byStatus) -> {
            Map<String, Object> row = new TreeMap<>();
            byStatus.forEach((status, n) -> row.put(Integer.toString(status), n.sum()));
            requests.put(endpoint, row);
        });
        Map<String, Object> latency = new TreeMap<>();
        latencies.forEach((endpoint, window) -> {
            long[] sample = window.snapshot();
            Arrays.sort(sample);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("window", sample.length);
            row.put("p50_ms", percentileMs(sample, 0.50));
            row.put("p99_ms", percentileMs(sample, 0.99));
            latency.put(endpoint, row);
        });
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("used_bytes", heap.getUsed());
        memory.put("max_bytes", heap.getMax());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("uptime_s", uptimeMs / 1000.0);
        document.put("workers", workers);
        document.put("queue", queue);
        document.put("in_flight", inFlight);
        document.put("rejected", rejected.sum());
        document.put("requests", requests);
        document.put("latency", latency);
        document.put("heap", memory);
        return document;
    }

    /**
     * The nearest-rank percentile ({@code p} in (0, 1]) of sorted nanosecond samples, in
     * milliseconds; NaN (JSON null) for none.
     */
    public static double percentileMs(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length, rank) - 1)] / 1e6;
    }
}
