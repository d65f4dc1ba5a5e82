package io.cmkguard.guard;

import io.cmkguard.util.Deadline;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way checks run a few at once, whatever the way in (an event's resources, a sweep's, a key's users):
 * at most {@code atOnce} in flight, on daemon threads, so an invocation can answer at its deadline while a hung
 * call is left to finish on its own. The caller decides when to stop starting work; a slot frees as a piece ends.
 */
public final class Batch implements AutoCloseable {
    private final ExecutorService pool;
    private final Semaphore slots;

    /** @param name names the threads, e.g. the sweep's id */
    public Batch(String name, int atOnce) {
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(atOnce, task -> {
            Thread thread = new Thread(task, "cmk-guard-" + name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.slots = new Semaphore(atOnce);
    }

    /** Starts the work once a slot is free, waiting for one no later than the deadline; empty if it came first. */
    public <T> Optional<Future<T>> start(Callable<T> work, Deadline deadline) {
        try {
            if (deadline.passed() || !slots.tryAcquire(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return Optional.of(submit(work));
    }

    /** Starts the work as soon as a slot is free (the caller has checked its own deadline). */
    public <T> Future<T> startWhenFree(Callable<T> work) {
        slots.acquireUninterruptibly();
        return submit(work);
    }

    private <T> Future<T> submit(Callable<T> work) {
        try {
            return pool.submit(() -> {
                try {
                    return work.call();
                } finally {
                    slots.release();
                }
            });
        } catch (RuntimeException e) { // rejected: the batch was closed
            slots.release();
            throw e;
        }
    }

    /** The work's answer, or empty if it is not done by the deadline. Its exceptions are rethrown. */
    public static <T> Optional<T> await(Future<T> work, Deadline deadline) {
        try {
            return Optional.of(work.get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits for every piece started to end (each is bounded by the SDK's own timeouts and retries). */
    public void finish() {
        pool.shutdown();
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // checks in flight end by their calls' timeouts: keep waiting
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Starts nothing more; pieces still running finish on their own (their threads are daemons). */
    @Override
    public void close() {
        pool.shutdown();
    }
}
