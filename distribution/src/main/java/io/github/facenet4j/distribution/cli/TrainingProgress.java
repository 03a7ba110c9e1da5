package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.training.StepRecord;
import io.github.facenet4j.training.TrainingEvent;
import io.github.facenet4j.training.TrainingListener;
import io.github.facenet4j.training.ValidationRecord;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The step line of {@code facenet train} on stderr, rewritten in place twice a second on a
 * terminal; without one (output to a file or a pipe) a whole line every 30 s, so logs stay
 * readable. Collapse and stall reports go on lines of their own.
 */
final class TrainingProgress implements TrainingListener {
    private final PrintWriter err;
    private final int batch;
    private final boolean interactive = System.console() != null;
    private final long intervalNanos = interactive ? 500_000_000L : 30_000_000_000L;
    private final List<String> warnings = new ArrayList<>();
    private long steps;
    private long windowStart = System.nanoTime();
    private long lastPrint = windowStart - intervalNanos;
    private long windowSteps;
    private double rate;
    private String validation = "-";
    private boolean dirty;

    /** @param batch images per step, for the images-per-second figure */
    TrainingProgress(PrintWriter err, int batch) {
        this.err = err;
        this.batch = batch;
    }

    /** Steps done in this run. */
    long steps() {
        return steps;
    }

    /** The collapse and stall reports so far, one line each. */
    List<String> warnings() {
        return warnings;
    }

    @Override
    public void step(StepRecord r) {
        steps++;
        windowSteps++;
        long now = System.nanoTime();
        if (now - windowStart >= 2_000_000_000L) {
            rate = windowSteps * (double) batch / ((now - windowStart) / 1e9);
            windowStart = now;
            windowSteps = 0;
        }
        if (now - lastPrint >= intervalNanos) {
            lastPrint = now;
            err.printf(Locale.ROOT, "%sstep %d  loss %.4f  active %d/%d  %s  %.0f img/s%s", interactive ? "\r" : "",
                    r.step(), r.loss(), r.activeTriplets(), r.triplets(), validation, rate,
                    interactive ? "   " : "\n");
            err.flush();
            dirty = interactive;
        }
    }

    @Override
    public void validated(ValidationRecord v) {
        validation = String.format(Locale.ROOT, "VAL@%.0e %.3f P@1 %.3f", v.far(), v.val(), v.precisionAt1());
        windowStart = System.nanoTime();
        windowSteps = 0;
    }

    @Override
    public void event(TrainingEvent e) {
        if (e.kind().warning()) {
            end();
            String line = e.kind().name().toLowerCase(Locale.ROOT) + " detected at step " + e.step() + ": "
                    + e.message();
            warnings.add(line);
            err.println("facenet: " + line);
            err.flush();
        }
    }

    /** Ends a step line left open on a terminal. */
    void end() {
        if (dirty) {
            err.println();
            err.flush();
            dirty = false;
        }
    }
}
