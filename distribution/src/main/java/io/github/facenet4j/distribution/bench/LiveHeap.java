package io.github.facenet4j.distribution.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The most heap a piece of work kept alive: the heap in use after each garbage collection
 * while it runs (and after one forced at its end, while its result is still held), less the
 * heap in use after a collection before it. Garbage between collections is not counted, so it
 * measures what the work needs rather than how lazily the collector runs; a peak that falls
 * between two collections is missed, which a smaller heap ({@code -Xmx}) makes rarer.
 */
public final class LiveHeap implements AutoCloseable {

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong highest = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                    (CompositeData) notification.getUserData());
            record(info.getGcInfo().getMemoryUsageAfterGc());
        }
    };
    private final long baseline;

    /** Collects garbage, notes the heap in use, and starts listening to the collectors. */
    public LiveHeap() {
        System.gc();
        baseline = used();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** Collects garbage now (call it while the result is still referenced) and answers the peak in bytes. */
    public long peakBytes() {
        System.gc();
        highest.accumulateAndGet(used(), Math::max);
        return Math.max(0, highest.get() - baseline);
    }

    private void record(Map<String, MemoryUsage> afterGc) {
        long used = afterGc.entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed()).sum();
        highest.accumulateAndGet(used, Math::max);
    }

    private long used() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> heapPools.contains(p.getName()))
                .mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already gone
            }
        }
    }
}
