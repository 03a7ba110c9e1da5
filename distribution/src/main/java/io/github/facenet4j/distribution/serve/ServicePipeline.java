package io.github.facenet4j.distribution.serve;

import java.util.Objects;

/**
 * The pipeline the service computes with, swappable while requests run: each request takes
 * the current one with {@link #use()} and gives it back by closing the {@link Use};
 * {@link #replace} makes later requests use a new one and closes the previous one once its
 * last user is done (reference counting), so a facade is never closed under a request.
 * {@link #unavailable} makes later requests fail with the reason (the service answers 503)
 * until the next {@link #replace}; it retires the current pipeline the same way, since a
 * service that answers nothing with it has no reason to keep its memory.
 *
 * <pre>{@code
 * try (ServicePipeline.Use<FaceNet> use = holder.use()) {
 *     FaceNet faceNet = use.faceNet();
 *     ...
 * }
 * }</pre>
 *
 * <p>Generic in what it holds only so that its unit tests can count closes on fakes
 * ({@link io.github.facenet4j.distribution.FaceNet} is final and opens real networks); the
 * service holds a {@code ServicePipeline<FaceNet>}.
 *
 * @param <F> the facade held
 */
public final class ServicePipeline<F extends AutoCloseable> implements AutoCloseable {

    /** Why there is no pipeline: answered to requests as 503 until the next {@link #replace}. */
    public static final class UnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnavailableException(String reason) {
            super(reason);
        }
    }

    /** One pipeline and how many requests use it now. Guarded by the holder's lock. */
    private static final class Generation<F extends AutoCloseable> {
        final F facade;
        final String description;
        int users;
        boolean retired;

        Generation(F facade, String description) {
            this.facade = facade;
            this.description = description;
        }
    }

    /** A request's hold on one pipeline; closing it gives the pipeline back (idempotent). */
    public static final class Use<F extends AutoCloseable> implements AutoCloseable {
        private final ServicePipeline<F> holder;
        private final Generation<F> generation;
        private boolean released;

        private Use(ServicePipeline<F> holder, Generation<F> generation) {
            this.holder = holder;
            this.generation = generation;
        }

        /** The pipeline, open at least until this use is closed. */
        public F faceNet() {
            if (released) {
                throw new IllegalStateException("this use of the pipeline is closed");
            }
            return generation.facade;
        }

        /** What {@link #replace} was told about it. */
        public String description() {
            return generation.description;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                holder.release(generation);
            }
        }
    }

    private Generation<F> current;
    private String reason;
    private boolean closed;

    /** A holder without a pipeline yet: requests get {@code reason} until the first {@link #replace}. */
    public ServicePipeline(String reason) {
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * The current pipeline, held until the use is closed.
     *
     * @throws UnavailableException with the reason when there is none
     */
    public Use<F> use() {
        synchronized (this) {
            if (current == null) {
                throw new UnavailableException(reason);
            }
            current.users++;
            return new Use<>(this, current);
        }
    }

    /**
     * Makes new requests use {@code next}; the previous pipeline is closed when its last
     * user is done (here, at once, when it has none). After {@link #close()} {@code next} is
     * closed and refused.
     */
    public void replace(F next, String description) {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(description, "description");
        Generation<F> idle = null;
        boolean refused;
        synchronized (this) {
            refused = closed;
            if (!refused) {
                idle = retire(current);
                current = new Generation<>(next, description);
                reason = null;
            }
        }
        if (refused) {
            closeQuietly(next, description);
            throw new IllegalStateException("the service is shut down; " + description + " was closed, not used");
        }
        closeIfIdle(idle);
    }

    /** Makes new requests fail with {@code why} until the next {@link #replace}; retires the current pipeline. */
    public void unavailable(String why) {
        Objects.requireNonNull(why, "why");
        Generation<F> idle;
        synchronized (this) {
            idle = retire(current);
            current = null;
            reason = why;
        }
        closeIfIdle(idle);
    }

    /** Whether a pipeline is there to use. */
    public synchronized boolean available() {
        return current != null;
    }

    /**
     * Retires the pipeline ("the service is shutting down" to later requests); it is closed
     * when its last user is done, at once when it has none.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        unavailable("the service is shutting down");
    }

    /** Marks {@code generation} retired; returns it when nobody uses it, to be closed after the lock. */
    private Generation<F> retire(Generation<F> generation) {
        if (generation == null) {
            return null;
        }
        generation.retired = true;
        return generation.users == 0 ? generation : null;
    }

    private void release(Generation<F> generation) {
        boolean last;
        synchronized (this) {
            generation.users--;
            last = generation.retired && generation.users == 0;
        }
        if (last) {
            closeQuietly(generation.facade, generation.description);
        }
    }

    /** Closing stops a runtime and may take a while: never under the lock every request takes. */
    private static void closeIfIdle(Generation<?> idle) {
        if (idle != null) {
            closeQuietly(idle.facade, idle.description);
        }
    }

    private static void closeQuietly(AutoCloseable facade, String description) {
        try {
            facade.close();
        } catch (Exception e) {
            // the request that released it has already been answered; the service goes on
            System.err.println("facenet serve: closing the pipeline (" + description + ") failed: " + e);
        }
    }
}
