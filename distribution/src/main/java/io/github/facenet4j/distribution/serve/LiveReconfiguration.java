package io.github.facenet4j.distribution.serve;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.FaceNetException;
import io.github.facenet4j.distribution.runtime.FelixRuntime;
import io.github.facenet4j.distribution.runtime.FelixRuntime.PluginChange;
import io.github.facenet4j.faces.FaceDetectorFactory;
import io.github.facenet4j.faces.LandmarkerFactory;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Keeps a served pipeline in step with a live OSGi container. A change of
 * {@code conf/facenet.pipeline.cfg} re-targets it (another backend, detector, landmarker or
 * model); a plugin it runs going away (its bundle removed from {@code bundles/}, or SCR
 * reactivating it with a new {@code conf/} file) takes the pipeline out of service at once,
 * so requests get a 503 naming what is missing rather than running on a stopped plugin, and
 * a rebuild follows as soon as the container settles. Rebuilds happen on one thread, after
 * {@value #SETTLE_MS} ms without another change, so a burst of events (FileInstall applying
 * several files, a bundle refresh) builds once.
 */
public final class LiveReconfiguration<F extends AutoCloseable> implements AutoCloseable {

    /** How long the container must be quiet before the pipeline is rebuilt. */
    static final long SETTLE_MS = 500;

    private final ServicePipeline<F> pipeline;
    private final PipelineChoice defaults;
    private final Function<PipelineChoice, F> open;
    private final PrintWriter log;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "facenet-serve-reconfigure");
        thread.setDaemon(true);
        return thread;
    });
    /** What the pipeline runs, or should run once it can be built. Guarded by this. */
    private PipelineChoice choice;
    /** Whether {@link #choice} is what the pipeline runs now. Guarded by this. */
    private boolean current = true;
    private ScheduledFuture<?> pending;
    /** Set by {@link #close()}: the container is stopping, its events change nothing. Guarded by this. */
    private boolean closed;

    LiveReconfiguration(ServicePipeline<F> pipeline, PipelineChoice running, PipelineChoice defaults,
                        Function<PipelineChoice, F> open, PrintWriter log) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.choice = Objects.requireNonNull(running, "running");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.open = Objects.requireNonNull(open, "open");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Watches {@code runtime} for {@code pipeline}, which runs {@code running} now.
     *
     * @param defaults what the command-line options chose: what a removed pipeline file means
     * @param open     builds a facade for a choice over the runtime
     * @param log      gets one line per change (stderr)
     */
    public static <F extends AutoCloseable> LiveReconfiguration<F> watch(FelixRuntime runtime,
            ServicePipeline<F> pipeline, PipelineChoice running, PipelineChoice defaults,
            Function<PipelineChoice, F> open, PrintWriter log) {
        LiveReconfiguration<F> live = new LiveReconfiguration<>(pipeline, running, defaults, open, log);
        runtime.onPluginChange(live::pluginChanged);
        runtime.onConfiguration(PipelineChoice.PID, live::configured);
        return live;
    }

    /** The pipeline file changed (or was removed: empty properties). */
    synchronized void configured(Map<String, Object> properties) {
        if (closed) {
            return;
        }
        PipelineChoice next;
        try {
            next = PipelineChoice.from(properties, defaults);
        } catch (FaceNetException e) {
            say("conf/" + PipelineChoice.PID + ".cfg refused, the pipeline is unchanged: " + e.getMessage());
            return;
        }
        if (next.equals(choice) && current) {
            return; // ConfigAdmin's first delivery, or a change that changes nothing
        }
        choice = next;
        current = false;
        schedule();
    }

    /** A plugin service came or went. */
    synchronized void pluginChanged(PluginChange change) {
        if (closed) {
            return;
        }
        boolean used = uses(change);
        if (used && change.gone() && current) {
            current = false;
            pipeline.unavailable("the " + kindOf(change) + " '" + change.name() + "' this pipeline runs was removed"
                    + " or is being reconfigured; the pipeline is rebuilt when it is back (see GET /health)");
        }
        if (used || !current) {
            schedule();
        }
    }

    /** Whether the pipeline runs the changed plugin: it is the backend, detector or landmarker of {@link #choice}. */
    private boolean uses(PluginChange change) {
        String kind = kindOf(change);
        return kind != null && change.name().equals(switch (kind) {
            case "backend" -> choice.backend();
            case "detector" -> choice.detector();
            default -> choice.landmarker();
        });
    }

    /** {@code backend}, {@code detector} or {@code landmarker}: the kinds a pipeline runs; null for others. */
    private static String kindOf(PluginChange change) {
        if (change.services().contains(Backend.class.getName())) {
            return "backend";
        }
        if (change.services().contains(FaceDetectorFactory.class.getName())) {
            return "detector";
        }
        return change.services().contains(LandmarkerFactory.class.getName()) ? "landmarker" : null;
    }

    private void schedule() {
        if (closed) {
            return; // the container stops after the service: its services going away mean nothing now
        }
        if (pending != null) {
            pending.cancel(false);
        }
        pending = executor.schedule(this::rebuild, SETTLE_MS, TimeUnit.MILLISECONDS);
    }

    private void rebuild() {
        PipelineChoice target;
        synchronized (this) {
            target = choice;
        }
        try {
            F next = open.apply(target);
            synchronized (this) {
                if (!target.equals(choice)) {
                    closeQuietly(next); // changed again while building: the next rebuild is scheduled
                    return;
                }
                current = true;
            }
            pipeline.replace(next, target.describe());
            say("pipeline now " + target.describe());
        } catch (FaceNetException e) {
            pipeline.unavailable(e.getMessage());
            say("pipeline unavailable: " + e.getMessage());
        }
    }

    /** Waits until the rebuild scheduled last (if any) has run: for tests. */
    void awaitSettled() throws InterruptedException {
        ScheduledFuture<?> last;
        synchronized (this) {
            last = pending;
        }
        if (last != null) {
            try {
                last.get();
            } catch (java.util.concurrent.CancellationException | java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("the rebuild failed to run", e);
            }
        }
    }

    private static void closeQuietly(AutoCloseable facade) {
        try {
            facade.close();
        } catch (Exception e) {
            // a facade never used by a request: nothing depends on how it closed
        }
    }

    private void say(String line) {
        synchronized (log) {
            log.println("facenet serve: " + line);
            log.flush();
        }
    }

    /** Stops watching: later events (the container stopping) leave the pipeline alone. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        executor.shutdownNow();
    }
}
