package io.cmkguard.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The faults currently armed in one emulator. Thread-safe: tests add faults while requests are in flight. */
public final class Faults {
    /** A fault and how many more requests it applies to (-1 = forever). */
    private static final class Armed {
        final Fault fault;
        int remaining;

        Armed(Fault fault) {
            this.fault = fault;
            this.remaining = fault.times();
        }
    }

    private final List<Armed> armed = new ArrayList<>();

    public synchronized Faults add(Fault fault) {
        armed.add(new Armed(fault));
        return this;
    }

    public synchronized void clear() {
        armed.clear();
    }

    /** The faults that still apply, with their remaining counts as {@code times}. */
    public synchronized List<Fault> active() {
        return armed.stream().filter(a -> a.remaining != 0).map(a -> a.fault.times(a.remaining)).toList();
    }

    /** The first armed fault matching the request, counted down by one; faults added first win. */
    synchronized Optional<Fault> take(String method, String path, String query) {
        for (Armed a : armed) {
            if (a.remaining != 0 && a.fault.matches(method, path, query)) {
                if (a.remaining > 0) {
                    a.remaining--;
                }
                return Optional.of(a.fault);
            }
        }
        return Optional.empty();
    }
}
