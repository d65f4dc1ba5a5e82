package io.cmkguard.guard.sweep;

import io.cmkguard.result.GuardResult;
import io.cmkguard.policy.Status;
import io.cmkguard.rules.EventRulesStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer to one sweep invocation: a public contract like the event result (fields are only
 * ever added). Counts cover this invocation; a continued sweep keeps its sweepId.
 *
 * @param findings every NON_COMPLIANT, EXEMPT, NOT_FOUND or ERROR resource, in sweep order
 * @param error    why the sweep could not run at all (bad body, compartments unreadable)
 * @param complete   true only when the whole sweep is done (no continuation) and every compartment and type in
 *                   its scope was listed to its end, in this invocation and the ones before it
 * @param eventRules the Events rules feeding the function, checked once per sweep (its first invocation)
 * @param unjudged   the listings of this invocation that stopped short: their compartment and type are not,
 *                   or only partly, judged
 * @param resources  every resource this invocation judged, findings or not, in sweep order (the evidence an
 *                   auditor keeps; the report's JSON carries them only when asked); only its findings when the
 *                   invocation kept no more ({@link Sweep.Kept#FINDINGS}: the function's answer without a report
 *                   bucket). The counts always cover every resource judged
 * @param byCompartment per compartment of a resource judged: as {@code byType}
 * @param startedAt  when this invocation started (empty for a report built before it did)
 * @param chain      how the sweep goes on after this invocation, and where its report is kept
 */
public record SweepReport(String sweepId, String compartmentId, String mode, int scanned, Map<Status, Integer> counts,
                          Map<String, TypeCount> byType, List<GuardResult> findings, int remediated, boolean complete,
                          Optional<String> continuation, long durationMs, boolean notified,
                          Optional<String> messageId, Optional<GuardResult.Fault> error,
                          Optional<EventRulesStatus> eventRules, List<Unjudged> unjudged,
                          List<GuardResult> resources, Map<String, TypeCount> byCompartment,
                          Optional<Instant> startedAt, Optional<Chain> chain) {

    /** Per resource type (or compartment): how many were judged and how many of those were not compliant. */
    public record TypeCount(int scanned, int nonCompliant) {
        public TypeCount plus(TypeCount other) {
            return new TypeCount(scanned + other.scanned, nonCompliant + other.nonCompliant);
        }
    }

    /**
     * A compartment and type whose listing stopped short (a failed page, the page cap, the deadline).
     *
     * @param listedBefore resources listed before it stopped, which were judged
     */
    public record Unjudged(String compartmentId, String resourceType, String code, String message, int listedBefore) {
    }

    /**
     * What became of the sweep after this invocation.
     *
     * @param invocation this invocation's number in the sweep (0 = its first)
     * @param next       {@link #FUNCTION}, {@link #CALLER}, {@link #STOPPED} or {@link #DONE}
     * @param message    the same in words, with what to do
     * @param report     where the sweep's report is kept ("bucket/prefix"), when it is
     */
    public record Chain(int invocation, String next, String message, Optional<String> report) {
        /** A detached invocation of the function carries the sweep on; this answer has no continuation. */
        public static final String FUNCTION = "function";
        /** The caller carries the sweep on by sending the continuation back. */
        public static final String CALLER = "caller";
        /** The sweep should go on by itself and could not: the continuation is in this answer and the log. */
        public static final String STOPPED = "stopped";
        /** Nothing is left to sweep. */
        public static final String DONE = "done";
    }

    public SweepReport {
        counts = Map.copyOf(counts);
        byType = Map.copyOf(byType);
        findings = List.copyOf(findings);
        unjudged = List.copyOf(unjudged);
        resources = List.copyOf(resources);
        byCompartment = Map.copyOf(byCompartment);
    }

    /** A report without the list of every resource judged, nor the counts by compartment, nor a start time. */
    public SweepReport(String sweepId, String compartmentId, String mode, int scanned, Map<Status, Integer> counts,
                       Map<String, TypeCount> byType, List<GuardResult> findings, int remediated, boolean complete,
                       Optional<String> continuation, long durationMs, boolean notified, Optional<String> messageId,
                       Optional<GuardResult.Fault> error, Optional<EventRulesStatus> eventRules,
                       List<Unjudged> unjudged) {
        this(sweepId, compartmentId, mode, scanned, counts, byType, findings, remediated, complete, continuation,
                durationMs, notified, messageId, error, eventRules, unjudged, List.of(), Map.of(), Optional.empty(),
                Optional.empty());
    }

    /** A report of every resource judged and its counts by compartment; the chain is filled in afterwards. */
    public SweepReport(String sweepId, String compartmentId, String mode, int scanned, Map<Status, Integer> counts,
                       Map<String, TypeCount> byType, List<GuardResult> findings, int remediated, boolean complete,
                       Optional<String> continuation, long durationMs, boolean notified, Optional<String> messageId,
                       Optional<GuardResult.Fault> error, Optional<EventRulesStatus> eventRules,
                       List<Unjudged> unjudged, List<GuardResult> resources, Map<String, TypeCount> byCompartment,
                       Optional<Instant> startedAt) {
        this(sweepId, compartmentId, mode, scanned, counts, byType, findings, remediated, complete, continuation,
                durationMs, notified, messageId, error, eventRules, unjudged, resources, byCompartment, startedAt,
                Optional.empty());
    }

    /** A sweep that did not run: nothing was called, or nothing could be listed. */
    public static SweepReport failed(String sweepId, String compartmentId, String mode, GuardResult.Fault fault,
                              Optional<String> continuation, long durationMs) {
        return new SweepReport(sweepId, compartmentId, mode, 0, Map.of(), Map.of(), List.of(), 0, false, continuation,
                durationMs, false, Optional.empty(), Optional.of(fault), Optional.empty(), List.of());
    }

    /** The same report once its findings were published, or not: they then name the message. */
    public SweepReport withFindings(List<GuardResult> published, Optional<String> sentAs) {
        Map<String, GuardResult> byId = new java.util.HashMap<>();
        published.forEach(f -> byId.put(f.resourceId(), f));
        List<GuardResult> all = resources.stream().map(r -> byId.getOrDefault(r.resourceId(), r)).toList();
        return new SweepReport(sweepId, compartmentId, mode, scanned, counts, byType, published, remediated, complete,
                continuation, durationMs, sentAs.isPresent(), sentAs, error, eventRules, unjudged, all, byCompartment,
                startedAt, chain);
    }

    /** The same report with its continuation handed to the sweep's next invocation, so no caller forks it. */
    public SweepReport handedOn() {
        return new SweepReport(sweepId, compartmentId, mode, scanned, counts, byType, findings, remediated, complete,
                Optional.empty(), durationMs, notified, messageId, error, eventRules, unjudged, resources, byCompartment,
                startedAt, chain);
    }

    /** The same report, saying how the sweep goes on. */
    public SweepReport withChain(Chain next) {
        return new SweepReport(sweepId, compartmentId, mode, scanned, counts, byType, findings, remediated, complete,
                continuation, durationMs, notified, messageId, error, eventRules, unjudged, resources, byCompartment,
                startedAt, Optional.of(next));
    }

    public int count(Status verdict) {
        return counts.getOrDefault(verdict, 0);
    }
}
