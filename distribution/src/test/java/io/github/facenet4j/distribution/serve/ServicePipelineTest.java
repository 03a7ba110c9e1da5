package io.github.facenet4j.distribution.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pipeline holder with fakes that count their closes and notice use after close. */
class ServicePipelineTest {

    /** A facade that records being closed, and any use after that. */
    static final class Fake implements AutoCloseable {
        final String name;
        final AtomicInteger closes = new AtomicInteger();
        final AtomicBoolean usedAfterClose = new AtomicBoolean();

        Fake(String name) {
            this.name = name;
        }

        void work() {
            if (closes.get() > 0) {
                usedAfterClose.set(true);
            }
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    @Test
    void replaceClosesThePreviousPipelineOnlyAfterItsLastUser() {
        ServicePipeline<Fake> holder = new ServicePipeline<>("loading");
        Fake first = new Fake("first");
        Fake second = new Fake("second");
        holder.replace(first, "first");
        ServicePipeline.Use<Fake> a = holder.use();
        ServicePipeline.Use<Fake> b = holder.use();
        holder.replace(second, "second");
        assertThat(first.closes).as("two requests still use it").hasValue(0);
        try (ServicePipeline.Use<Fake> later = holder.use()) {
            assertThat(later.faceNet()).as("new requests get the new one").isSameAs(second);
            assertThat(later.description()).isEqualTo("second");
        }
        assertThat(a.faceNet()).isSameAs(first);
        a.close();
        a.close(); // idempotent: does not count twice
        assertThat(first.closes).hasValue(0);
        b.close();
        assertThat(first.closes).as("closed by its last user").hasValue(1);
        assertThat(second.closes).hasValue(0);
        assertThatThrownBy(a::faceNet).isInstanceOf(IllegalStateException.class);
        holder.close();
        assertThat(second.closes).as("unused: closed at once").hasValue(1);
    }

    @Test
    void unavailableAnswersItsReasonUntilTheNextReplace() {
        ServicePipeline<Fake> holder = new ServicePipeline<>("the pipeline is loading");
        assertThatThrownBy(holder::use).isInstanceOf(ServicePipeline.UnavailableException.class)
                .hasMessage("the pipeline is loading");
        Fake first = new Fake("first");
        holder.replace(first, "first");
        ServicePipeline.Use<Fake> inFlight = holder.use();
        holder.unavailable("reloading the model");
        assertThat(holder.available()).isFalse();
        assertThatThrownBy(holder::use).hasMessage("reloading the model");
        assertThat(first.closes).as("still in use").hasValue(0);
        inFlight.close();
        assertThat(first.closes).hasValue(1);
        Fake second = new Fake("second");
        holder.replace(second, "second");
        try (ServicePipeline.Use<Fake> use = holder.use()) {
            assertThat(use.faceNet()).isSameAs(second);
        }
        holder.close();
        assertThatThrownBy(holder::use).hasMessage("the service is shutting down");
        Fake late = new Fake("late");
        assertThatThrownBy(() -> holder.replace(late, "late")).isInstanceOf(IllegalStateException.class);
        assertThat(late.closes).as("refused after close, and closed").hasValue(1);
    }

    @Test
    void replacingWhileManyRequestsRunNeverClosesAPipelineInUse() throws InterruptedException {
        ServicePipeline<Fake> holder = new ServicePipeline<>("loading");
        List<Fake> all = new CopyOnWriteArrayList<>();
        Fake initial = new Fake("0");
        all.add(initial);
        holder.replace(initial, "0");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger uses = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(4);
        List<Thread> requests = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                started.countDown();
                while (!stop.get()) {
                    try (ServicePipeline.Use<Fake> use = holder.use()) {
                        Fake fake = use.faceNet();
                        fake.work();
                        Thread.yield();
                        fake.work();
                        uses.incrementAndGet();
                    }
                }
            });
            thread.start();
            requests.add(thread);
        }
        started.await();
        for (int i = 1; i <= 500; i++) {
            Fake next = new Fake(Integer.toString(i));
            all.add(next);
            holder.replace(next, next.name);
            if (i % 50 == 0) {
                Thread.yield();
            }
        }
        stop.set(true);
        for (Thread thread : requests) {
            thread.join();
        }
        holder.close();
        assertThat(uses.get()).as("requests ran meanwhile").isPositive();
        assertThat(all).allSatisfy(fake -> {
            assertThat(fake.usedAfterClose).as("pipeline " + fake.name + " used after close").isFalse();
            assertThat(fake.closes).as("pipeline " + fake.name + " closed once").hasValue(1);
        });
    }
}
