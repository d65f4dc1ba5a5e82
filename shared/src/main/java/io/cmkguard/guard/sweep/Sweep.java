package io.cmkguard.guard.sweep;

import io.cmkguard.guard.Batch;
import io.cmkguard.guard.Unchecked;
import io.cmkguard.guard.Trigger;
import io.cmkguard.guard.Guard;
import io.cmkguard.guard.DecisionLog;
import io.cmkguard.result.GuardResult;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.config.Mode;
import io.cmkguard.config.SweepLimits;
import io.cmkguard.oci.CallDeadline;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.policy.Status;
import io.cmkguard.resource.Candidate;
import io.cmkguard.resource.Candidates;
import io.cmkguard.resource.CompartmentTree;
import io.cmkguard.resource.Listing;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.rules.EventRulesStatus;
import io.cmkguard.rules.SweepRulesCheck;
import io.cmkguard.util.Echo;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks every live resource of the asked types under a compartment tree with the same
 * {@link Guard#check} as events: compartment by compartment, type by type, resources in id order,
 * a bounded number at once. At its deadline it stops submitting, lets the checks in flight finish
 * and answers a continuation that resumes right after the last resource judged. It publishes nothing:
 * {@link SweepChain} decides when a digest goes out (per invocation, or once for the whole sweep).
 */
public final class Sweep {
    private final Guard guard;
    private final Candidates candidates;
    private final SweepRulesCheck rules;
    private final DecisionLog log;
    private final SweepSettings config;
    private final ContinuationKeys keys;
    private final ContinuationClaims claims;
    private final boolean selfContinues;
    private final Clock clock;

    /** Ids longer than this are no OCI resource's (OCIDs have at most 255 characters). */
    static final int MAX_LISTED_ID_CHARS = 1_024;

    /**
     * @param claims        where tokens that must be used once are recorded
     * @param selfContinues whether this function invokes itself to carry a sweep on (then such a token is a link
     *                      of a chain: used once, and run to its own call's deadline)
     */
    public Sweep(Guard guard, Candidates candidates, SweepRulesCheck rules, DecisionLog log, SweepSettings config,
                 ContinuationClaims claims, boolean selfContinues, Clock clock) {
        this.claims = claims;
        this.selfContinues = selfContinues;
        this.keys = ContinuationKeys.from(config.continuationSecret());
        this.guard = guard;
        this.candidates = candidates;
        this.rules = rules;
        this.log = log;
        this.config = config;
        this.clock = clock;
    }

    /** One compartment and one type: the steps a sweep goes through, in a stable order. */
    private record Unit(String compartmentId, String compartmentKey, int typeIndex, ResourceType type) {
        boolean isBefore(String key, int index) {
            int c = compartmentKey.compareTo(key);
            return c < 0 || (c == 0 && typeIndex < index);
        }
    }

    public SweepReport run(SweepRequest asked, SweepProgress progress) {
        return run(asked, progress, Optional.empty());
    }

    /**
     * @param callDeadline when the invocation must have answered (the call's deadline less a margin): the
     *                     sweep stops taking resources at whichever comes first, it or its own deadline
     */
    public SweepReport run(SweepRequest asked, SweepProgress progress, Optional<Instant> callDeadline) {
        return runPart(asked, progress, callDeadline).report();
    }

    /**
     * One invocation's part of a sweep.
     *
     * @param request    the sweep as asked, or as its continuation carries it
     * @param invocation which invocation of the sweep this was (0 = its first)
     */
    public record Part(SweepReport report, SweepRequest request, int invocation) {
    }

    /** Which results an invocation keeps until it answers; every result is counted either way. */
    public enum Kept {
        /** Its findings: all an answer shows when no report keeps the resources (a compliant one is then let go). */
        FINDINGS,
        /** Every resource judged ({@link SweepReport#resources}): the kept report's rows, the laptop's CSV and HTML. */
        EVERY_RESOURCE
    }

    /** As {@link #run(SweepRequest, SweepProgress, Optional)}, with what a chain of invocations needs to go on. */
    public Part runPart(SweepRequest asked, SweepProgress progress, Optional<Instant> callDeadline) {
        return runPart(asked, progress, callDeadline, Kept.EVERY_RESOURCE);
    }

    /** As {@link #runPart(SweepRequest, SweepProgress, Optional)}, keeping only the results asked for. */
    public Part runPart(SweepRequest asked, SweepProgress progress, Optional<Instant> callDeadline, Kept keep) {
        Instant started = clock.instant();
        Optional<Continuation> resumed = asked.continuation().map(t -> Continuation.decode(t, keys, started));
        resumed.ifPresent(c -> checkMatches(asked, c));
        SweepRequest request = resumed.map(asked::resumedAs).orElse(asked);
        if (request.mode().equals(Optional.of(Mode.REMEDIATE)) && config.remediationKeyId().isEmpty()
                && config.remediationKeyByCompartment().isEmpty()) {
            throw new BadSweepException("InvalidMode", "mode remediate needs a key to assign: set "
                    + GuardConfig.KMS_KEY_ID + " in the function config");
        }
        Instant own = started.plus(config.sweep().deadline());
        // a self-invoked link runs detached, with up to an hour: its own call's deadline is its deadline
        boolean link = isLink(resumed) && callDeadline.isPresent();
        Instant deadline = link ? callDeadline.get() : callDeadline.filter(own::isAfter).orElse(own);
        int invocation = resumed.map(Continuation::invocation).orElse(0);
        if (!started.isBefore(deadline)) { // the caller may have given up already: start nothing, say so
            return new Part(SweepReport.failed(resumed.map(Continuation::sweepId).orElse(""), request.compartmentId(),
                    request.mode().orElse(config.mode()).label(), new GuardResult.Fault(Unchecked.DEADLINE_EXCEEDED,
                            "the invocation's deadline had passed before the sweep could start: nothing was checked"
                                    + (asked.continuation().isPresent() ? "; send the same continuation again" : "")),
                    asked.continuation(), 0), request, invocation);
        }
        if (resumed.isPresent() && (mayWrite(request) || isLink(resumed))
                && !claims.claim(resumed.get().sweepId(), resumed.get().tokenId(), resumed.get().expiresAt(), started)) {
            throw new BadSweepException("ContinuationReplayed", "this continuation was already used: a sweep that may"
                    + " remediate or continues itself takes each token once, so that a replay cannot spend its budget"
                    + " again or fork the sweep (the answer to that invocation carried the next token, or handed it to"
                    + " the next invocation; if it was lost, start the sweep again)");
        }
        // every OCI wait of this invocation (Retry-After, backoff, next page) ends by its deadline
        SweepReport report = CallDeadline.until(deadline, clock, () -> sweep(request, resumed, progress, deadline,
                started, keep));
        if (report.error().isPresent()) {
            resumed.ifPresent(c -> claims.release(c.sweepId(), c.tokenId())); // nothing judged: it may be sent again
        }
        return new Part(report, request, invocation);
    }

    private SweepReport sweep(SweepRequest request, Optional<Continuation> resumed, SweepProgress progress,
                              Instant deadline, Instant started, Kept keep) {
        SweepLimits limits = config.sweep();
        String sweepId = resumed.map(Continuation::sweepId).orElseGet(Continuation::newSweepId);
        int invocation = resumed.map(Continuation::invocation).orElse(0);
        String modeLabel = request.mode().orElse(config.mode()).label();
        int maxRemediations = request.maxRemediations().orElse(limits.maxRemediations());
        SweepBudget budget = new SweepBudget(maxRemediations, limits.maxWriteFailures(),
                resumed.map(Continuation::writes).orElse(0), resumed.map(Continuation::writeFailures).orElse(0));
        Trigger trigger = Trigger.sweep(sweepId, request.mode(), budget);
        Optional<String> sentToken = request.continuation();

        CompartmentTree tree;
        try {
            tree = candidates.tree(request.compartmentId(), request.includeSubcompartments());
        } catch (OciCallException e) {
            return SweepReport.failed(sweepId, request.compartmentId(), modeLabel, new GuardResult.Fault(e.code(),
                    "the compartments under " + request.compartmentId() + " could not be listed: " + e.getMessage()),
                    sentToken, millisSince(started));
        }
        // once per sweep: a disabled or drifted rule means events go unseen, which only a sweep can tell
        EventRulesStatus eventRules = resumed.isEmpty() ? rules.check(request.compartmentId())
                : EventRulesStatus.notChecked("checked by this sweep's first invocation");
        ConcurrentSkipListMap<Integer, GuardResult> results = new ConcurrentSkipListMap<>(); // the kept, in sweep order
        SweepTally tally = new SweepTally(request.types());
        List<SweepReport.Unjudged> unjudged = new ArrayList<>();
        Set<String> taken = new HashSet<>(); // a resource listed twice (repeated, or moved mid-sweep) is judged once
        KeptResults keeper = new KeptResults();
        int unlisted = resumed.map(Continuation::unlisted).orElse(0);
        AtomicInteger judged = new AtomicInteger();
        Optional<Continuation> next = Optional.empty();
        Batch workers = new Batch(sweepId, limits.concurrency());
        int sequence = 0;
        boolean listedOne = false; // at least one listing per invocation, so every invocation moves the sweep on
        try {
            units:
            for (Unit unit : units(tree, request.types())) {
                if (resumed.isPresent() && unit.isBefore(resumed.get().compartmentKey(), resumed.get().typeIndex())) {
                    continue;
                }
                boolean resumeUnit = resumed.isPresent() && unit.compartmentKey().equals(resumed.get().compartmentKey())
                        && unit.typeIndex() == resumed.get().typeIndex();
                String after = resumeUnit ? resumed.get().afterId() : "";
                if (listedOne && (mustStop(deadline) || sequence >= limits.maxPerInvocation())) {
                    next = Optional.of(continuation(request, sweepId, invocation, maxRemediations, unit, after));
                    break;
                }
                Candidates.Listed listed = candidates.listed(unit.compartmentId(), unit.type());
                boolean firstListing = !listedOne;
                listedOne = true;
                List<Candidate> found = listed.found();
                if (listed.stoppedShort().isPresent()) {
                    OciCallException e = listed.stoppedShort().get();
                    boolean cutByDeadline = e.code().equals(Listing.DEADLINE_EXCEEDED);
                    if (cutByDeadline && !firstListing) {
                        // earlier work used the time: this unit is listed again by the next invocation
                        next = Optional.of(continuation(request, sweepId, invocation, maxRemediations, unit, after));
                        break;
                    }
                    // judged as far as it was listed, unless a whole invocation's time was not enough to list it
                    found = cutByDeadline ? List.of() : found;
                    GuardResult failed = unlisted(unit, trigger, request, e, found.size());
                    tally.add(failed);
                    results.put(sequence++, failed);
                    unjudged.add(new SweepReport.Unjudged(unit.compartmentId(), unit.type().name(), e.code(),
                            e.getMessage(), found.size()));
                    unlisted++;
                }
                String last = "";
                for (Candidate candidate : found) {
                    if (!after.isEmpty() && candidate.id().compareTo(after) <= 0) {
                        continue; // judged by an earlier invocation of this sweep
                    }
                    if (!taken.add(candidate.id())) {
                        continue;
                    }
                    if (sequence > 0 && (mustStop(deadline) || sequence >= limits.maxPerInvocation())) {
                        next = Optional.of(continuation(request, sweepId, invocation, maxRemediations, unit,
                                last.isEmpty() ? after : last));
                        break units;
                    }
                    if (candidate.id().length() > MAX_LISTED_ID_CHARS) { // never a token's position either
                        GuardResult oversized = oversizedId(candidate, trigger, request);
                        tally.add(oversized);
                        results.put(sequence++, oversized);
                        continue;
                    }
                    last = candidate.id();
                    int seq = sequence++;
                    workers.startWhenFree(() -> CallDeadline.until(deadline, clock, () -> {
                        GuardResult result = checkOne(candidate, trigger);
                        log.record(result);
                        tally.add(result);
                        if (keep == Kept.EVERY_RESOURCE || result.verdict() != Status.COMPLIANT) {
                            results.put(seq, keeper.keep(result, candidate));
                        }
                        progress.judged(judged.incrementAndGet(), candidate.compartmentId(), result);
                        return null;
                    }));
                }
            }
        } finally {
            workers.finish();
        }
        if (!tree.rootConfirmed() && tree.compartmentIds().size() == 1 && tally.scanned() == 0 && results.isEmpty()) {
            // nothing found under a compartment Identity does not know: a mistyped OCID, not "all compliant"
            OciCallException missing = OciCallException.compartmentNotFound(request.compartmentId(), "");
            return SweepReport.failed(sweepId, request.compartmentId(), modeLabel, new GuardResult.Fault(
                    missing.code(), missing.getMessage()), sentToken, millisSince(started));
        }
        // the budget's counts are final only now that every check in flight has finished
        int unlistedSoFar = unlisted;
        Optional<Continuation> continuation = next.map(c -> c.issued(budget.writes(), budget.failures(),
                unlistedSoFar, clock.instant()));
        return report(sweepId, request, modeLabel, tally, new ArrayList<>(results.values()), budget, continuation,
                unjudged, unlisted == 0, eventRules, started);
    }

    /** Time to stop taking work: the deadline has come, or OCI asked (Retry-After) to wait past it. */
    private boolean mustStop(Instant deadline) {
        Instant now = clock.instant();
        return !now.isBefore(deadline) || now.plus(candidates.throttledFor()).isAfter(deadline);
    }

    /** Whether this invocation is a link of a chain the function carries on itself. */
    private boolean isLink(Optional<Continuation> resumed) {
        return selfContinues && resumed.map(Continuation::selfContinue).orElse(false);
    }

    /** Whether the sweep may write keys: its token is then single-use (its budget is spent once). */
    private boolean mayWrite(SweepRequest request) {
        return request.mode().map(m -> m == Mode.REMEDIATE).orElseGet(() ->
                request.types().stream().anyMatch(t -> config.modeFor(t.name()) == Mode.REMEDIATE));
    }

    /** A continuation belongs to one sweep: the body may repeat its settings, never change them. */
    private static void checkMatches(SweepRequest asked, Continuation c) {
        List<String> differ = new ArrayList<>();
        if (!asked.compartmentId().equals(c.compartmentId())) {
            differ.add("compartmentId");
        }
        if (asked.given().contains("includeSubcompartments") && asked.includeSubcompartments()
                != c.includeSubcompartments()) {
            differ.add("includeSubcompartments");
        }
        if (asked.given().contains("resourceTypes") && !asked.types().equals(c.types())) {
            differ.add("resourceTypes");
        }
        if (asked.mode().isPresent() && !asked.mode().equals(c.mode())) {
            differ.add("mode");
        }
        if (asked.maxRemediations().isPresent() && asked.maxRemediations().getAsInt() != c.maxRemediations()) {
            differ.add("maxRemediations");
        }
        if (!differ.isEmpty()) {
            throw new BadSweepException("ContinuationMismatch", "the continuation belongs to a sweep whose "
                    + String.join(", ", differ) + " differ from this body's: a continued sweep keeps the settings it"
                    + " started with (send compartmentId and continuation only, or the first body's fields unchanged)");
        }
    }

    private GuardResult checkOne(Candidate candidate, Trigger trigger) {
        try {
            return guard.check(candidate, trigger);
        } catch (RuntimeException e) { // a bug must cost one resource an ERROR, not the whole sweep its report
            return Unchecked.crashed(trigger, candidate, trigger.mode().orElse(config.modeFor(candidate.type().name())),
                    e);
        }
    }

    /** The ERROR of a listing that stopped short: what it read is judged, the rest of the unit is not. */
    private GuardResult unlisted(Unit unit, Trigger trigger, SweepRequest request, OciCallException e, int listed) {
        Mode mode = request.mode().orElse(config.modeFor(unit.type().name()));
        String what = unit.type().noun() + "s in " + unit.compartmentId();
        return Unchecked.failed(trigger, unit.type(), mode, unit.compartmentId(), unit.compartmentId(),
                new GuardResult.Fault(e.code(), "the " + what + " could not all be listed (" + e.getMessage() + "): "
                        + (listed == 0 ? "none of them was judged" : "the " + listed + " listed before were judged, the"
                        + " rest are unjudged")));
    }

    /** An id longer than any OCI id is not put into a URL: that listed item is an error, never judged. */
    private GuardResult oversizedId(Candidate candidate, Trigger trigger, SweepRequest request) {
        Mode mode = request.mode().orElse(config.modeFor(candidate.type().name()));
        return Unchecked.failed(trigger, candidate.type(), mode, Echo.bounded(candidate.id(), 80),
                candidate.compartmentId(), new GuardResult.Fault(OciCallException.MALFORMED_RESPONSE, "a "
                        + candidate.type().noun() + " was listed with an id of " + candidate.id().length()
                        + " characters (at most " + MAX_LISTED_ID_CHARS + "): it was not judged"));
    }

    private static List<Unit> units(CompartmentTree tree, List<ResourceType> types) {
        List<Unit> units = new ArrayList<>();
        for (String compartment : tree.compartmentIds()) {
            String key = compartment.equals(tree.rootId()) ? "" : compartment; // the root first, then by OCID
            for (int i = 0; i < types.size(); i++) {
                units.add(new Unit(compartment, key, i, types.get(i)));
            }
        }
        return units;
    }

    /** Where to go on; the budget spent is filled in once the checks in flight have finished. */
    private static Continuation continuation(SweepRequest request, String sweepId, int invocation,
                                             int maxRemediations, Unit unit, String afterId) {
        return new Continuation(sweepId, request.compartmentId(), request.includeSubcompartments(), request.types(),
                request.mode(), maxRemediations, 0, 0, 0, unit.compartmentKey(), unit.typeIndex(), afterId, "",
                Instant.EPOCH, invocation + 1, request.selfContinue());
    }

    /** @param kept the results kept ({@link Kept}), in sweep order; the tally counted every one */
    private SweepReport report(String sweepId, SweepRequest request, String modeLabel, SweepTally tally,
                               List<GuardResult> kept, SweepBudget budget, Optional<Continuation> next,
                               List<SweepReport.Unjudged> unjudged, boolean everythingListed,
                               EventRulesStatus eventRules, Instant started) {
        boolean complete = next.isEmpty() && everythingListed;
        int scanned = tally.scanned();
        List<GuardResult> resources = kept.stream().filter(SweepTally::isResource).toList();
        List<GuardResult> findings = kept.stream().filter(r -> r.verdict() != Status.COMPLIANT).toList();
        SweepReport report = new SweepReport(sweepId, request.compartmentId(), modeLabel, scanned, tally.counts(),
                tally.byType(), findings, budget.remediated(), complete, next.map(c -> c.encode(keys)),
                millisSince(started), false, Optional.empty(), Optional.empty(), Optional.of(eventRules), unjudged,
                resources, tally.byCompartment(), Optional.of(started));
        log.event("sweep", sweepId + " of " + request.compartmentId() + ": " + scanned + " judged, "
                + report.count(Status.NON_COMPLIANT) + " not on a customer-managed key, " + report.remediated()
                + " remediated, " + report.count(Status.ERROR) + " errors, " + (report.complete() ? "complete"
                : next.isPresent() ? "continues" : "incomplete: " + unjudged.size() + " listings stopped short")
                + " (" + report.durationMs() + " ms)" + (eventRules.problems().isEmpty() ? ""
                : "; Events rules: " + String.join("; ", eventRules.problems())));
        return report;
    }

    private long millisSince(Instant started) {
        return java.time.Duration.between(started, clock.instant()).toMillis();
    }


}
