package io.cmkguard.guard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves on each time it is read, so a test's deadline does not depend on real time. */
final class TickingClock extends Clock {
    private final AtomicLong now;
    private final long step;

    TickingClock(Duration step) {
        this(Instant.parse("2026-11-25T12:00:00Z"), step);
    }

    /** From a given instant: e.g. now, where a service checks the times it is sent (Monitoring's datapoints). */
    TickingClock(Instant start, Duration step) {
        this.now = new AtomicLong(start.toEpochMilli());
        this.step = step.toMillis();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(now.getAndAdd(step));
    }

    @Override
    public ZoneOffset getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
