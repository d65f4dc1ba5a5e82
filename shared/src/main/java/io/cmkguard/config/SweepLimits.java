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
 */
public record SweepLimits(Duration deadline, int concurrency, int maxRemediations, int maxWriteFailures) {
}
