package io.github.facenet4j.distribution.bench;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.MiningResult;
import io.github.facenet4j.api.TripletMiner;
import io.github.facenet4j.api.math.SquaredDistances;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Objects;

/**
 * Times a miner on one batch: warm-up calls, then measured calls at successive steps
 * (a curriculum sees the steps advance), reporting median/min/max, what was mined and the
 * bytes allocated per call across all threads (an upper bound on the miner's peak extra
 * memory). The pairwise-distance step alone is timed the same way as the floor every
 * distance-based miner pays.
 */
public final class MiningBenchmark {

    /** What to run. */
    public record Settings(int warmup, int runs, long seed) {
        public Settings {
            if (warmup < 0) {
                throw new ConfigurationException("--warmup must be ≥ 0, got " + warmup);
            }
            if (runs < 1) {
                throw new ConfigurationException("--runs must be ≥ 1, got " + runs);
            }
        }
    }

    /**
     * @param miner               the miner's name
     * @param timings             per-call wall time
     * @param distanceTimings     pairwise squared distances alone, same batch
     * @param lastResult          the last call's result (triplet counts)
     * @param allocatedBytesPerRun median bytes allocated per call, all threads; −1 if unknown
     * @param vectorised          whether the vector-API distance kernel ran
     */
    public record Report(String miner, Timings timings, Timings distanceTimings, MiningResult lastResult,
                         long allocatedBytesPerRun, boolean vectorised) {
    }

    private final Settings settings;

    public MiningBenchmark(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Report run(TripletMiner miner, EmbeddingBatch batch) {
        for (int i = 0; i < settings.warmup(); i++) {
            miner.mine(batch, new MiningContext(i, settings.seed()));
            SquaredDistances.pairwise(batch.embeddings());
        }
        long[] mining = new long[settings.runs()];
        long[] distances = new long[settings.runs()];
        long[] allocated = new long[settings.runs()];
        MiningResult last = null;
        for (int i = 0; i < settings.runs(); i++) {
            MiningContext context = new MiningContext(settings.warmup() + i, settings.seed());
            long bytesBefore = allocatedBytes();
            long start = System.nanoTime();
            last = miner.mine(batch, context);
            mining[i] = System.nanoTime() - start;
            long bytesAfter = allocatedBytes();
            allocated[i] = bytesBefore < 0 || bytesAfter < 0 ? -1 : bytesAfter - bytesBefore;
            start = System.nanoTime();
            SquaredDistances.pairwise(batch.embeddings());
            distances[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(allocated);
        return new Report(miner.name(), Timings.ofNanos(mining), Timings.ofNanos(distances), last,
                allocated[allocated.length / 2], SquaredDistances.vectorised());
    }

    /** Bytes allocated so far by all live threads, or −1 where the JVM cannot tell. */
    private static long allocatedBytes() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean hotspot && hotspot.isThreadAllocatedMemoryEnabled()) {
            long total = 0;
            for (long bytes : hotspot.getThreadAllocatedBytes(hotspot.getAllThreadIds())) {
                if (bytes > 0) {
                    total += bytes;
                }
            }
            return total;
        }
        return -1;
    }
}
