package io.cmkguard.config;

import java.time.Duration;

/**
 * A sweep's guardrails from the function config.
 *
 * @param deadline          when a sweep invocation stops cleanly and answers a continuation; keep it
 *                          safely below the function's timeout
 * @param concurrency       resources checked at once
 * @param maxRemediations   keys written per sweep unless its body says otherwise
 * @param maxWriteFailures  failed writes after which the sweep stops remediating (it keeps judging)
 * @param maxPerInvocation  resources one invocation takes before it answers a continuation: an invocation keeps
 *                          the resources it judged (every one with a report bucket, else its findings) until it
 *                          answers, so this bounds its memory (a detached link may otherwise run for an hour)
 */
public record SweepLimits(Duration deadline, int concurrency, int maxRemediations, int maxWriteFailures,
                          int maxPerInvocation) {
    /**
     * An invocation that keeps every resource (a report bucket, the laptop) holds ~0.3 KB per compliant resource and
     * ~0.8 KB per finding (texts shared, heap histogram 2026-12-07): at most ~16 MB of a 256 MB function's heap.
     */
    public static final int DEFAULT_MAX_PER_INVOCATION = 20_000;

    /** Without a bound of its own on the resources an invocation takes: the default. */
    public SweepLimits(Duration deadline, int concurrency, int maxRemediations, int maxWriteFailures) {
        this(deadline, concurrency, maxRemediations, maxWriteFailures, DEFAULT_MAX_PER_INVOCATION);
    }
}
