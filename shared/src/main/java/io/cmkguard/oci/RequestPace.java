package io.cmkguard.oci;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces the requests of a busy client once OCI has throttled it. Without it every thread waits out Retry-After
 * and then all start at once, into the next refusal: a sweep of 16 checks at a 200/s throttle ran at 1.3x its floor
 * with ~9 refusals a second (docs/benchmarks.md). A refusal (429) while this client had started at least
 * {@link #BUSY} requests in the last second paces it: requests then start at most at 90 % of that count a second,
 * a rate that climbs 0.5 % a second until the next refusal; {@link #QUIET} without one ends the pacing. A refusal
 * at a lower volume (another client's burst, one call) paces nothing: Retry-After alone answers it.
 */
final class RequestPace {
    /** Requests in the second before a refusal from which this client's own rate is taken to be the cause. */
    static final int BUSY = 20;
    /** Without a refusal for this long, requests are no longer paced. */
    static final Duration QUIET = Duration.ofSeconds(30);
    private static final double SHARE = 0.9;
    private static final double CLIMB_PER_SECOND = 0.005;
    private static final long SECOND = 1_000_000_000L;

    private final LongSupplier nanoTime;
    private final long[] starts = new long[2_048]; // the latest starts, a ring: enough for 2 048 a second
    private long started; // requests recorded; guarded by this, as everything below
    private double perSecond; // 0: not paced
    private long pacedAt;
    private long nextSlot;

    RequestPace(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Reserves the next request's start: how long, in nanoseconds, it must wait for it (0: go now). */
    synchronized long reserve() {
        long now = nanoTime.getAsLong();
        if (perSecond > 0 && now - pacedAt > QUIET.toNanos()) {
            perSecond = 0;
        }
        long start = now;
        if (perSecond > 0) {
            double rate = perSecond * Math.pow(1 + CLIMB_PER_SECOND, (double) (now - pacedAt) / SECOND);
            start = Math.max(now, nextSlot);
            nextSlot = start + (long) (SECOND / rate);
        }
        starts[(int) (started++ % starts.length)] = start;
        return start - now;
    }

    /** OCI refused a request for this client's rate (429 TooManyRequests). */
    synchronized void refused() {
        long now = nanoTime.getAsLong();
        int lastSecond = startedSince(now - SECOND);
        if (lastSecond >= BUSY) {
            perSecond = SHARE * lastSecond;
            pacedAt = now;
        }
    }

    /** Requests a second this client is held to; 0 when it is not paced. */
    synchronized double perSecond() {
        return perSecond;
    }

    private int startedSince(long since) {
        int n = 0;
        for (long i = started - 1; i >= 0 && i >= started - starts.length; i--) {
            if (starts[(int) (i % starts.length)] <= since) {
                break;
            }
            n++;
        }
        return n;
    }
}
