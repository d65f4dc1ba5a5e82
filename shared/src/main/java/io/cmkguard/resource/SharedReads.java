package io.cmkguard.resource;

import io.cmkguard.model.Resource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * The resources one sweep invocation (or one event) reads besides those it judges: a pluggable database's
 * container, the volume a backup was taken from. Its checks, running a few at once, share each such read, so
 * a container is read once however many pluggable databases it holds. One per trigger, never shared across
 * sweeps or events; a check's own resource is always read afresh, never through here.
 */
public final class SharedReads {
    /** Enough for the containers and sources of one invocation's compartments; the least recent go first. */
    static final int CAPACITY = 1_000;

    private final int capacity;
    private final Map<String, FutureTask<Optional<Resource>>> reads; // guarded by itself

    private SharedReads(int capacity) {
        this.capacity = capacity;
        this.reads = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, FutureTask<Optional<Resource>>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A new, empty memo for one trigger. */
    public static SharedReads forOneTrigger() {
        return new SharedReads(CAPACITY);
    }

    /** Shares nothing: every read goes to OCI (a re-read that must see the resource as it is now). */
    public static SharedReads none() {
        return new SharedReads(0);
    }

    /**
     * The resource as this trigger first read it, reading it now if it has not: checks asking at once wait for
     * the one read. A read that fails is not kept: the check that made it sees its fault, the others read again.
     */
    public Optional<Resource> resource(String id, Supplier<Optional<Resource>> read) {
        if (capacity == 0) {
            return read.get();
        }
        FutureTask<Optional<Resource>> mine = new FutureTask<>(read::get);
        FutureTask<Optional<Resource>> first;
        synchronized (reads) {
            first = reads.putIfAbsent(id, mine);
        }
        if (first == null) {
            mine.run();
            return outcome(id, mine);
        }
        try {
            return first.get();
        } catch (ExecutionException e) {
            return read.get(); // the first read failed: this check reads for itself, as it would alone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return read.get();
        }
    }

    private Optional<Resource> outcome(String id, FutureTask<Optional<Resource>> mine) {
        try {
            return mine.get();
        } catch (ExecutionException e) {
            synchronized (reads) {
                reads.remove(id, mine);
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) { // cannot happen: the task has run on this thread
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
