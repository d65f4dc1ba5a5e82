package io.cmkguard.emulator;

/**
 * OCI-style throttling: past {@code perSecond} requests in one second, requests are answered 429
 * TooManyRequests with a Retry-After header (whole seconds, until the next second starts).
 */
final class Throttle {
    private final int perSecond;
    private long second = -1;
    private int count;
    private long rejected;

    Throttle(int perSecond) {
        this.perSecond = perSecond;
    }

    /** Counts the request; throws the 429 when it is over the limit. */
    synchronized void admit() {
        if (perSecond <= 0) {
            return;
        }
        long now = System.currentTimeMillis();
        if (now / 1000 != second) {
            second = now / 1000;
            count = 0;
        }
        if (++count > perSecond) {
            rejected++;
            throw new ApiError(429, "TooManyRequests", "more than " + perSecond
                    + " requests a second (emulator throttle): retry after the Retry-After header's seconds");
        }
    }

    synchronized long rejected() {
        return rejected;
    }
}
