package io.cmkguard.guard.sweep;

import io.cmkguard.result.GuardResult;

/** Told about each resource a sweep has judged (a laptop shows a progress line); called from worker threads. */
@FunctionalInterface
public interface SweepProgress {
    SweepProgress NONE = (judged, compartmentId, result) -> {
    };

    /** @param judged resources judged so far in this invocation */
    void judged(int judged, String compartmentId, GuardResult result);
}
