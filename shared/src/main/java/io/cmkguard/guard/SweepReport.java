package io.cmkguard.guard;

import io.cmkguard.result.GuardResult;
import io.cmkguard.policy.Status;
import io.cmkguard.rules.EventRulesStatus;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer to one sweep invocation: a public contract like the event result (fields are only
 * ever added). Counts cover this invocation; a continued sweep keeps its sweepId.
 *
 * @param findings every NON_COMPLIANT, EXEMPT, NOT_FOUND or ERROR resource, in sweep order
 * @param error    why the sweep could not run at all (bad body, compartments unreadable)
 * @param eventRules the Events rules feeding the function, checked once per sweep (its first invocation)
 */
public record SweepReport(String sweepId, String compartmentId, String mode, int scanned, Map<Status, Integer> counts,
                          Map<String, TypeCount> byType, List<GuardResult> findings, int remediated, boolean complete,
                          Optional<String> continuation, long durationMs, boolean notified,
                          Optional<String> messageId, Optional<GuardResult.Fault> error,
                          Optional<EventRulesStatus> eventRules) {

    /** Per resource type: how many were judged and how many of those were not compliant. */
    public record TypeCount(int scanned, int nonCompliant) {
    }

    public SweepReport {
        counts = Map.copyOf(counts);
        byType = Map.copyOf(byType);
        findings = List.copyOf(findings);
    }

    /** A sweep that did not run: nothing was called, or nothing could be listed. */
    static SweepReport failed(String sweepId, String compartmentId, String mode, GuardResult.Fault fault,
                              Optional<String> continuation, long durationMs) {
        return new SweepReport(sweepId, compartmentId, mode, 0, Map.of(), Map.of(), List.of(), 0, false, continuation,
                durationMs, false, Optional.empty(), Optional.of(fault), Optional.empty());
    }

    public int count(Status verdict) {
        return counts.getOrDefault(verdict, 0);
    }
}
