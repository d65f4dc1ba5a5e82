package io.cmkguard.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a sweep larger than one invocation goes on, and what it leaves behind.
 *
 * @param reportBucket   where each invocation writes its part and the last one the whole report (JSON, CSV, HTML);
 *                       with it, a sweep publishes one digest, however many invocations it takes
 * @param selfContinue   a sweep cut by its deadline invokes its own function (detached) with its continuation
 * @param maxInvocations the most invocations one sweep may take before it stops and says so
 */
public record SweepChainSettings(Optional<String> reportBucket, boolean selfContinue, int maxInvocations) {
    public static final String REPORT_BUCKET = "CMK_GUARD_REPORT_BUCKET";
    public static final String SELF_CONTINUE = "CMK_GUARD_SWEEP_SELF_CONTINUE";
    public static final String MAX_INVOCATIONS = "CMK_GUARD_SWEEP_MAX_INVOCATIONS";
    /** A day of hour-long detached invocations: millions of resources at the default API rate. */
    public static final int DEFAULT_MAX_INVOCATIONS = 24;

    private static final Pattern BUCKET_NAME = Pattern.compile("[A-Za-z0-9._-]{1,256}");

    /** No report kept, self-continuation on (it needs the function's own id, which only OCI Functions sets). */
    public static SweepChainSettings defaults() {
        return new SweepChainSettings(Optional.empty(), true, DEFAULT_MAX_INVOCATIONS);
    }

    static boolean isBucketName(String name) {
        return BUCKET_NAME.matcher(name).matches();
    }
}
