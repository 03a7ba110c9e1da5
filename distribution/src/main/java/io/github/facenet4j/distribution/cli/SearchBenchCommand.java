package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.api.math.Vectors;
import io.github.facenet4j.distribution.AtomicFiles;
import io.github.facenet4j.distribution.bench.ClusteredBatch;
import io.github.facenet4j.distribution.bench.Timings;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.api.EmbeddingSpace;
import io.github.facenet4j.gallery.Gallery;
import io.github.facenet4j.gallery.GalleryEntry;
import io.github.facenet4j.gallery.GalleryStats;
import io.github.facenet4j.gallery.GalleryStore;
import io.github.facenet4j.gallery.Match;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code facenet bench search}: a gallery of N synthetic face-like embeddings in a
 * gallery store, then single-thread query latency and recall@1 against exact search, at
 * each search effort.
 *
 * <p>The vectors: N / K identities (K = {@code --per-identity}, 5) whose centres are d
 * components drawn N(0, 1) and normalised; each face is centre + σ·N(0, 1) per component
 * (σ = {@code --noise}, 0.06), normalised. The queries are fresh faces (a (K+1)-th draw) of
 * identities picked at random. {@code --write-vectors FILE} writes them for a peer run
 * ({@code bench/ann_peer.py}): three little-endian int32 (N, queries, d), then N × d
 * little-endian float32 gallery rows, then queries × d float32 query rows.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Enrol N synthetic face-like embeddings into a gallery, then time single-thread searches and"
                + " their recall@1 against exact search at each --effort.")
public final class SearchBenchCommand extends PluginCommand {

    /** 2 million 128-d rows are 1 GiB of floats held by the benchmark, plus the store's copy. */
    static final int MAX_SIZE = 2_000_000;

    private static final OptionRange SIZE = OptionRange.between("--size", 2, MAX_SIZE,
            "the benchmark holds every vector in memory, 1 GiB at 2,000,000 × 128");
    private static final OptionRange DIMENSION = MiningBenchCommand.dimension("--dim");
    private static final OptionRange QUERIES = OptionRange.between("--queries", 1, 100_000, "each is an exact scan too");
    private static final OptionRange EFFORT = OptionRange.between("--effort", 1, 10_000,
            "candidates per search; an exact scan is cheaper beyond");
    private static final OptionRange COMMIT_EVERY = OptionRange.atLeast("--commit-every", 1);
    private static final OptionRange THREADS = OptionRange.between("--threads", 1, 64, "one per core is the most that helps");

    @Option(names = "--size", paramLabel = "N", defaultValue = "100000",
            description = "Embeddings enrolled, a multiple of --per-identity (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--dim", paramLabel = "D", defaultValue = "128", description = "Dimension (default: ${DEFAULT-VALUE}).")
    int dimension;

    @Option(names = "--per-identity", paramLabel = "K", defaultValue = "5",
            description = "Faces per identity (default: ${DEFAULT-VALUE}).")
    int perIdentity;

    @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "0.06",
            description = "Per-component noise of a face around its identity's centre (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--queries", paramLabel = "Q", defaultValue = "1000",
            description = "Queries, fresh faces of random enrolled identities (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--effort", split = ",", defaultValue = "32,64,128,256",
            description = "Search efforts (candidates gathered) to measure (default: ${DEFAULT-VALUE}).")
    List<Integer> efforts;

    @Option(names = "--seed", defaultValue = "13", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--store", paramLabel = "NAME", defaultValue = GalleryOptions.DEFAULT_STORE,
            description = "Gallery-store plugin (default: ${DEFAULT-VALUE}).")
    String store;

    @Option(names = "--gallery", paramLabel = "DIR",
            description = "Build the gallery here and keep it (default: a temporary folder, deleted after).")
    Path gallery;

    @Option(names = "--commit-every", paramLabel = "N", defaultValue = "100000",
            description = "Commit after every N enrolments (default: ${DEFAULT-VALUE}).")
    long commitEvery;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "2",
            description = "Threads that enrol (the gallery's add is thread-safe) (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--no-compact", description = "Search the gallery as enrolment left it, without compacting it.")
    boolean noCompact;

    @Option(names = "--write-vectors", paramLabel = "FILE",
            description = "Write the gallery and query vectors here (int32 N, Q, d; float32 rows; little-endian).")
    Path writeVectors;

    /** One effort's result. */
    /**
     * One search effort's figures. {@code cpuP50Ms} is the median CPU time of the searching
     * thread: on a shared machine it leaves out the time the thread waited for a core, which
     * the wall-clock percentiles include.
     */
    record Row(int effort, double recallAt1, double p50Ms, double p99Ms, double meanMs, double cpuP50Ms) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("effort", effort);
            m.put("recall_at_1", recallAt1);
            m.put("p50_ms", p50Ms);
            m.put("p99_ms", p99Ms);
            m.put("mean_ms", meanMs);
            m.put("cpu_p50_ms", cpuP50Ms);
            return m;
        }
    }

    @Override
    public Integer call() {
        SIZE.check(size);
        DIMENSION.check(dimension);
        QUERIES.check(queries);
        COMMIT_EVERY.check(commitEvery);
        THREADS.check(threads);
        efforts.forEach(EFFORT::check);
        if (perIdentity < 1 || size % perIdentity != 0) {
            throw new ConfigurationException("--size " + size + " must be a multiple of --per-identity " + perIdentity);
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new ConfigurationException("--noise must be ≥ 0 and finite, got " + noise);
        }
        PrintWriter err = spec.commandLine().getErr();
        float[][][] vectors = generate();
        float[][] base = vectors[0];
        float[][] query = vectors[1];
        if (writeVectors != null) {
            AtomicFiles.write(writeVectors, fileOf(base, query));
            err.println("wrote " + base.length + " + " + query.length + " vectors to " + writeVectors);
            err.flush();
        }
        int[] truth = exactNearest(base, query);
        double exactMs = exactLatency(base, query);
        Map<String, Object> build = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        Path dir = gallery != null ? gallery : temporaryFolder();
        try (PluginRuntime runtime = runtimeOptions.start()) {
            GalleryStore chosen = runtime.get(GalleryStore.class, store);
            EmbeddingSpace space = new EmbeddingSpace("bench-synthetic", "1", dimension);
            try (Gallery g = chosen.openForWriting(dir, space)) {
                EnrollCommand.ProgressLine progress = new EnrollCommand.ProgressLine(err, "enrolled", base.length);
                long start = System.nanoTime();
                long cpuStart = processCpuNanos();
                enrol(g, base, progress);
                g.commit();
                double enrolSeconds = (System.nanoTime() - start) / 1e9;
                double enrolCpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
                progress.end();
                double compactSeconds = 0;
                if (!noCompact) {
                    long c = System.nanoTime();
                    g.compact();
                    compactSeconds = (System.nanoTime() - c) / 1e9;
                }
                GalleryStats stats = g.stats();
                build.put("enrol_per_s", base.length / enrolSeconds);
                build.put("enrol_s", enrolSeconds);
                build.put("enrol_per_cpu_s", base.length / enrolCpuSeconds);
                build.put("compact_s", compactSeconds);
                build.put("bytes_on_disk", stats.bytesOnDisk());
                warmUp(g, query);
                for (int effort : efforts) {
                    rows.add(measure(g, query, truth, effort));
                }
                System.gc();
                Runtime rt = Runtime.getRuntime();
                build.put("heap_used_mb", (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
                build.put("vectors_held_mb", (base.length + query.length) * (16.0 + 4.0 * dimension) / 1048576.0);
                build.put("rss_mb", residentMb());
            }
        } finally {
            if (gallery == null) {
                deleteTree(dir);
            }
        }
        build.put("exact_ms", exactMs);
        print(build, rows);
        return 0;
    }

    /**
     * Adds every row from {@code --threads} threads, each taking every T-th row, and commits
     * every {@code --commit-every} rows (counted over all threads).
     */
    private void enrol(Gallery g, float[][] base, EnrollCommand.ProgressLine progress) {
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    for (int i = first; i < base.length; i += threads) {
                        g.add(new GalleryEntry("f" + i, "p" + (i / perIdentity), "", null, base[i]));
                        long n = done.incrementAndGet();
                        if (n % commitEvery == 0) {
                            g.commit();
                        }
                        if (first == 0) {
                            progress.update(n);
                        }
                    }
                    return null;
                }));
            }
            for (var part : parts) {
                part.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while enrolling", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The gallery rows and the queries, from one seeded {@link ClusteredBatch} with one face more per identity. */
    private float[][][] generate() {
        int identities = size / perIdentity;
        // ClusteredBatch draws face = normalise(centre + (spread / √d)·N(0, I)): spread = σ√d gives σ per component
        EmbeddingBatch all = new ClusteredBatch(identities, perIdentity + 1, dimension, noise * Math.sqrt(dimension),
                seed).generate();
        float[][] base = new float[size][];
        for (int id = 0; id < identities; id++) {
            for (int j = 0; j < perIdentity; j++) {
                base[id * perIdentity + j] = all.embeddings()[id * (perIdentity + 1) + j];
            }
        }
        SplittableRandom random = new SplittableRandom(seed + 1);
        float[][] query = new float[queries][];
        for (int q = 0; q < queries; q++) {
            int id = random.nextInt(identities);
            // the spare face of an identity picked twice is reused: rare at gallery sizes
            query[q] = all.embeddings()[id * (perIdentity + 1) + perIdentity];
        }
        return new float[][][] {base, query};
    }

    private static byte[] fileOf(float[][] base, float[][] query) {
        int d = base[0].length;
        long bytes = 12L + 4L * d * (base.length + (long) query.length);
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new ConfigurationException("--write-vectors: " + bytes + " bytes is more than one file write holds");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(base.length).putInt(query.length).putInt(d);
        for (float[][] part : List.of(base, query)) {
            for (float[] row : part) {
                for (float v : row) {
                    buffer.putFloat(v);
                }
            }
        }
        return buffer.array();
    }

    /**
     * The index of each query's exact nearest gallery row: a full scan per query, queries
     * split over the cores (the Gram-matrix kernel is built for square blocks, and a handful of
     * query rows against a million columns runs far below its speed).
     */
    private static int[] exactNearest(float[][] base, float[][] query) {
        return java.util.stream.IntStream.range(0, query.length).parallel().map(q -> {
            int best = 0;
            double bestDistance = Double.MAX_VALUE;
            for (int i = 0; i < base.length; i++) {
                double d = Vectors.squaredDistance(base[i], query[q]);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = i;
                }
            }
            return best;
        }).toArray();
    }

    /** The median time of one exact scan (one query against every row, squared L2), single thread, over a few queries. */
    private static double exactLatency(float[][] base, float[][] query) {
        int runs = Math.min(query.length, 21);
        long[] nanos = new long[runs];
        double sink = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            double best = Double.MAX_VALUE;
            for (float[] row : base) {
                best = Math.min(best, Vectors.squaredDistance(row, query[i]));
            }
            nanos[i] = System.nanoTime() - start;
            sink += best;
        }
        return sink < 0 ? -1 : Timings.ofNanos(nanos).medianMs();
    }

    private void warmUp(Gallery g, float[][] query) {
        int effort = efforts.stream().max(Integer::compare).orElse(100);
        for (int q = 0; q < Math.min(query.length, 300); q++) {
            g.search(query[q], 1, effort);
        }
    }

    private static Row measure(Gallery g, float[][] query, int[] truth, int effort) {
        double[] ms = new double[query.length];
        double[] cpuMs = new double[query.length];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int hits = 0;
        for (int q = 0; q < query.length; q++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            List<Match> top = g.search(query[q], 1, effort);
            ms[q] = (System.nanoTime() - start) / 1e6;
            cpuMs[q] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            hits += !top.isEmpty() && top.get(0).id().equals("f" + truth[q]) ? 1 : 0;
        }
        double mean = Arrays.stream(ms).average().orElse(0);
        Arrays.sort(ms);
        Arrays.sort(cpuMs);
        return new Row(effort, hits / (double) query.length, IdentifyCommand.percentile(ms, 0.5),
                IdentifyCommand.percentile(ms, 0.99), mean, IdentifyCommand.percentile(cpuMs, 0.5));
    }

    /** CPU time of the whole process (all threads), for a build rate that leaves out waiting for a core. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** This process's resident memory (Linux); NaN elsewhere. */
    private static double residentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Double.NaN;
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("facenet4j-bench-gallery-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary folder; the system cleans it eventually
        }
    }

    private void print(Map<String, Object> build, List<Row> rows) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("store", store);
            d.put("size", size);
            d.put("dim", dimension);
            d.put("per_identity", perIdentity);
            d.put("noise", noise);
            d.put("queries", queries);
            d.put("seed", seed);
            d.put("threads", threads);
            d.putAll(build);
            d.put("results", rows.stream().map(Row::json).toList());
            out.println(Json.writePretty(d));
        } else {
            out.printf(Locale.ROOT, "store %s: %d × %d (%d identities × %d, σ %.3f), %d queries, seed %d%n", store, size,
                    dimension, size / perIdentity, perIdentity, noise, queries, seed);
            out.printf(Locale.ROOT, "enrolment on %d threads %.0f embeddings/s (%.1f s; %.0f per CPU-second), compact"
                    + " %.1f s; %.1f MB on disk; heap %.0f MB (of which the benchmark's vectors %.0f MB), RSS %.0f MB%n",
                    threads, build.get("enrol_per_s"), build.get("enrol_s"), build.get("enrol_per_cpu_s"),
                    build.get("compact_s"),
                    ((Long) build.get("bytes_on_disk")) / 1e6, build.get("heap_used_mb"), build.get("vectors_held_mb"),
                    build.get("rss_mb"));
            out.printf(Locale.ROOT, "exact search (one query, one thread): %.2f ms%n", build.get("exact_ms"));
            Table table = new Table("EFFORT", "RECALL@1", "P50 ms", "P99 ms", "MEAN ms", "CPU P50 ms");
            for (Row r : rows) {
                table.row(r.effort(), String.format(Locale.ROOT, "%.3f", r.recallAt1()),
                        String.format(Locale.ROOT, "%.3f", r.p50Ms()), String.format(Locale.ROOT, "%.3f", r.p99Ms()),
                        String.format(Locale.ROOT, "%.3f", r.meanMs()), String.format(Locale.ROOT, "%.3f", r.cpuP50Ms()));
            }
            out.print(table.render());
        }
        out.flush();
    }
}
