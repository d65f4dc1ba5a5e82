package io.cmkguard.guard.sweep;

import io.cmkguard.guard.RemediationBudget;
import java.util.Optional;

/**
 * A sweep's remediation guardrails: at most {@code max} writes, and none once {@code maxFailures}
 * writes have failed (the sweep keeps judging and reports). Shared by the sweep's worker threads: a
 * write waits while the ones in flight could still reach the failure limit, so it is never overshot.
 */
final class SweepBudget implements RemediationBudget {
    private final int max;
    private final int maxFailures;
    private int writes;
    private int failures;
    private int remediated;
    private int inFlight;

    SweepBudget(int max, int maxFailures, int writesSoFar, int failuresSoFar) {
        this.max = max;
        this.maxFailures = maxFailures;
        this.writes = writesSoFar;
        this.failures = failuresSoFar;
    }

    @Override
    public synchronized Optional<String> take() {
        while (failures < maxFailures && failures + inFlight >= maxFailures) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("the sweep was interrupted");
            }
        }
        if (failures >= maxFailures) {
            return Optional.of(failures + " key writes failed in this sweep, so it stopped remediating"
                    + " (CMK_GUARD_SWEEP_MAX_WRITE_FAILURES=" + maxFailures + "); it still reports");
        }
        if (writes >= max) {
            return Optional.of("the sweep's maxRemediations (" + max + ") is reached");
        }
        writes++;
        inFlight++;
        return Optional.empty();
    }

    @Override
    public synchronized void settle(boolean succeeded) {
        inFlight--;
        if (succeeded) {
            remediated++;
        } else {
            failures++;
        }
        notifyAll();
    }

    synchronized int writes() {
        return writes;
    }

    synchronized int failures() {
        return failures;
    }

    /** Verified remediations in this invocation. */
    synchronized int remediated() {
        return remediated;
    }
}
