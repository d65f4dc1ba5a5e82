package io.cmkguard.oci;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The deadline of the OCI calls the current thread makes (a sweep sets it on its own thread and its
 * workers'): no wait for OCI outlives it. A Retry-After that would is not waited for, a retry's backoff
 * is cut to the time left, and a paged listing fetches no page after it. Outside {@link #until} a thread
 * has no deadline and waits as before.
 */
public final class CallDeadline {
    private static final ThreadLocal<Bound> BOUND = new ThreadLocal<>();

    private record Bound(Instant at, Clock clock) {
    }

    private CallDeadline() {
    }

    /** Runs {@code calls} with the deadline {@code at} (read by {@code clock}) on this thread. */
    public static <T> T until(Instant at, Clock clock, Supplier<T> calls) {
        Bound outer = BOUND.get();
        BOUND.set(new Bound(at, clock));
        try {
            return calls.get();
        } finally {
            if (outer == null) {
                BOUND.remove();
            } else {
                BOUND.set(outer);
            }
        }
    }

    public static void until(Instant at, Clock clock, Runnable calls) {
        until(at, clock, () -> {
            calls.run();
            return null;
        });
    }

    /** Time left before this thread's deadline (never negative); empty when it has none. */
    public static Optional<Duration> remaining() {
        Bound bound = BOUND.get();
        if (bound == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(bound.clock().instant(), bound.at());
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    public static boolean passed() {
        return remaining().map(Duration::isZero).orElse(false);
    }

    /** A pause of {@code millis}, cut to the time left before this thread's deadline. */
    static long cut(long millis) {
        return remaining().map(left -> Math.min(millis, left.toMillis())).orElse(millis);
    }
}
