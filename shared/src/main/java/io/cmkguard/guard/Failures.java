package io.cmkguard.guard;

import io.cmkguard.result.GuardResult;
import io.cmkguard.event.EventEnvelope;
import io.cmkguard.policy.Status;

import java.util.Arrays;
import java.util.Optional;

/**
 * Turns an exception nobody expected into an ERROR result. Its text is not copied: exception
 * messages can quote configuration, tokens or whole answers. The type and the cmk-guard code line
 * that met it are enough to find the bug.
 */
public final class Failures {
    private Failures() {
    }

    public static GuardResult unexpected(Throwable e, Optional<EventEnvelope> envelope) {
        String what = "the check stopped on an unexpected " + e.getClass().getSimpleName() + where(e)
                + "; nothing further was done and the result is not a verdict: see the function log";
        return GuardResult.rejected(envelope.map(EventEnvelope::eventId).orElse(""),
                envelope.map(EventEnvelope::eventType).orElse(""), "", Status.ERROR, what,
                Optional.of(new GuardResult.Fault("InternalError", what)));
    }

    /** " at Class.method:line" for the innermost cmk-guard frame, or "". */
    public static String where(Throwable e) {
        return Arrays.stream(e.getStackTrace())
                .filter(f -> f.getClassName().startsWith("io.cmkguard."))
                .findFirst()
                .map(f -> " at " + f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "."
                        + f.getMethodName() + ":" + f.getLineNumber())
                .orElse("");
    }
}
