package io.cmkguard.guard;

import io.cmkguard.util.Deadline;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs an invocation's work on daemon threads so that the invocation can answer at its deadline even
 * when an OCI call hangs: work still running then is left to finish on its own (and log its decision).
 */
public final class Runner implements AutoCloseable {
    private final ExecutorService pool;

    Runner() {
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "cmk-guard-check-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public <T> Future<T> start(Callable<T> work) {
        return pool.submit(work);
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

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
