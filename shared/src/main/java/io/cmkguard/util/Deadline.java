package io.cmkguard.util;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When an invocation must stop starting work so that it can still answer: the invocation's own
 * deadline (the FDK gives it with each call) less a safety margin for answering, clock skew and
 * pauses. Immutable; shared by the threads of one invocation.
 */
public final class Deadline {
    private static final Duration MIN_MARGIN = Duration.ofMillis(500);
    private static final Duration MAX_MARGIN = Duration.ofSeconds(5);

    private final Instant at;
    private final Clock clock;

    private Deadline(Instant at, Clock clock) {
        this.at = at;
        this.clock = clock;
    }

    /** No deadline: callers outside a function invocation (tests, the launcher) wait as long as it takes. */
    public static Deadline none(Clock clock) {
        return new Deadline(Instant.MAX, clock);
    }

    /** The invocation's deadline less a tenth of the time left (at least 0.5 s, at most 5 s). */
    public static Deadline forInvocation(Instant invocationDeadline, Clock clock) {
        Duration left = Duration.between(clock.instant(), invocationDeadline);
        Duration margin = left.dividedBy(10);
        margin = margin.compareTo(MIN_MARGIN) < 0 ? MIN_MARGIN : margin.compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : margin;
        return new Deadline(invocationDeadline.minus(margin), clock);
    }

    /** The instant work must be done by. */
    public Instant at() {
        return at;
    }

    /** Time left, never negative. */
    public Duration remaining() {
        if (at.equals(Instant.MAX)) {
            return Duration.ofMillis(Long.MAX_VALUE);
        }
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public boolean passed() {
        return !clock.instant().isBefore(at);
    }
}
