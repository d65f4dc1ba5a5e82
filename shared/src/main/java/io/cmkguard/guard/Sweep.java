package io.cmkguard.guard;

import io.cmkguard.result.GuardResult;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.config.Mode;
import io.cmkguard.config.SweepLimits;
import io.cmkguard.notify.Notifier;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.policy.Status;
import io.cmkguard.resource.Candidate;
import io.cmkguard.resource.Candidates;
import io.cmkguard.resource.CompartmentTree;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.rules.EventRulesStatus;
import io.cmkguard.rules.SweepRulesCheck;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks every live resource of the asked types under a compartment tree with the same
 * {@link Guard#check} as events: compartment by compartment, type by type, resources in id order,
 * a bounded number at once. At its deadline it stops submitting, lets the checks in flight finish
 * and answers a continuation that resumes right after the last resource judged. One digest
 * notification per invocation, never one per resource.
 */
public final class Sweep {
    private final Guard guard;
    private final Candidates candidates;
    private final SweepDigest digest;
    private final SweepRulesCheck rules;
    private final DecisionLog log;
    private final GuardConfig config;
    private final Clock clock;

    public Sweep(Guard guard, Candidates candidates, SweepRulesCheck rules, Notifier notifier, DecisionLog log,
                 GuardConfig config, Clock clock) {
        this.guard = guard;
        this.candidates = candidates;
        this.rules = rules;
        this.digest = new SweepDigest(notifier);
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
        Instant started = clock.instant();
        SweepLimits limits = config.sweep();
        Optional<Continuation> resumed = asked.continuation().map(Continuation::decode);
        resumed.ifPresent(c -> checkMatches(asked, c));
        SweepRequest request = resumed.map(asked::resumedAs).orElse(asked);
        if (request.mode().equals(Optional.of(Mode.REMEDIATE)) && config.remediationKeyId().isEmpty()
                && config.remediationKeyByCompartment().isEmpty()) {
            throw new BadSweepException("InvalidMode", "mode remediate needs a key to assign: set "
                    + GuardConfig.KMS_KEY_ID + " in the function config");
        }
        String sweepId = resumed.map(Continuation::sweepId).orElseGet(() -> "sweep-" + UUID.randomUUID());
        String modeLabel = request.mode().orElse(config.mode()).label();
        int maxRemediations = request.maxRemediations().orElse(limits.maxRemediations());
        SweepBudget budget = new SweepBudget(maxRemediations, limits.maxWriteFailures(),
                resumed.map(Continuation::writes).orElse(0), resumed.map(Continuation::writeFailures).orElse(0));
        Trigger trigger = Trigger.sweep(sweepId, request.mode(), budget);

        CompartmentTree tree;
        try {
            tree = candidates.tree(request.compartmentId(), request.includeSubcompartments());
        } catch (OciCallException e) {
            return SweepReport.failed(sweepId, request.compartmentId(), modeLabel, new GuardResult.Fault(e.code(),
                    "the compartments under " + request.compartmentId() + " could not be listed: " + e.getMessage()),
                    asked.continuation(), millisSince(started));
        }
        Instant own = started.plus(limits.deadline());
        Instant deadline = callDeadline.filter(own::isAfter).orElse(own);
        // once per sweep: a disabled or drifted rule means events go unseen, which only a sweep can tell
        EventRulesStatus eventRules = resumed.isEmpty() ? rules.check(request.compartmentId())
                : EventRulesStatus.notChecked("checked by this sweep's first invocation");
        ConcurrentSkipListMap<Integer, GuardResult> results = new ConcurrentSkipListMap<>();
        AtomicInteger judged = new AtomicInteger();
        Optional<Continuation> next = Optional.empty();
        ExecutorService workers = Executors.newFixedThreadPool(limits.concurrency(), daemon(sweepId));
        Semaphore slots = new Semaphore(limits.concurrency());
        int sequence = 0;
        try {
            units:
            for (Unit unit : units(tree, request.types())) {
                if (resumed.isPresent() && unit.isBefore(resumed.get().compartmentKey(), resumed.get().typeIndex())) {
                    continue;
                }
                boolean resumeUnit = resumed.isPresent() && unit.compartmentKey().equals(resumed.get().compartmentKey())
                        && unit.typeIndex() == resumed.get().typeIndex();
                String after = resumeUnit ? resumed.get().afterId() : "";
                if (sequence > 0 && !clock.instant().isBefore(deadline)) {
                    next = Optional.of(continuation(request, sweepId, maxRemediations, unit, ""));
                    break;
                }
                List<Candidate> found;
                try {
                    found = candidates.in(unit.compartmentId(), unit.type());
                } catch (OciCallException e) {
                    results.put(sequence++, unlisted(unit, trigger, request, e));
                    continue;
                }
                String last = "";
                for (Candidate candidate : found) {
                    if (!after.isEmpty() && candidate.id().compareTo(after) <= 0) {
                        continue; // judged by an earlier invocation of this sweep
                    }
                    if (sequence > 0 && !clock.instant().isBefore(deadline)) {
                        next = Optional.of(continuation(request, sweepId, maxRemediations, unit,
                                last.isEmpty() ? after : last));
                        break units;
                    }
                    slots.acquireUninterruptibly();
                    int seq = sequence++;
                    last = candidate.id();
                    workers.execute(() -> {
                        try {
                            GuardResult result = checkOne(candidate, trigger);
                            log.record(result);
                            results.put(seq, result);
                            progress.judged(judged.incrementAndGet(), candidate.compartmentId(), result);
                        } finally {
                            slots.release();
                        }
                    });
                }
            }
        } finally {
            workers.shutdown();
            awaitQuietly(workers);
        }
        if (!tree.rootConfirmed() && tree.compartmentIds().size() == 1 && results.isEmpty()) {
            // nothing found under a compartment Identity does not know: a mistyped OCID, not "all compliant"
            OciCallException missing = OciCallException.compartmentNotFound(request.compartmentId(), "");
            return SweepReport.failed(sweepId, request.compartmentId(), modeLabel, new GuardResult.Fault(
                    missing.code(), missing.getMessage()), asked.continuation(), millisSince(started));
        }
        // the budget's counts are final only now that every check in flight has finished
        Optional<Continuation> continuation = next.map(c -> new Continuation(c.sweepId(), c.compartmentId(),
                c.includeSubcompartments(), c.types(), c.mode(), c.maxRemediations(), budget.writes(),
                budget.failures(), c.compartmentKey(), c.typeIndex(), c.afterId()));
        return report(sweepId, request, modeLabel, new ArrayList<>(results.values()), budget, continuation, eventRules,
                started);
    }

    /** A continuation belongs to one sweep: the body may repeat its settings, never change them. */
    private static void checkMatches(SweepRequest asked, Continuation c) {
        if (!asked.compartmentId().equals(c.compartmentId())) {
            throw new BadSweepException("ContinuationMismatch", "the continuation belongs to a sweep of "
                    + c.compartmentId() + ", not " + asked.compartmentId());
        }
        if (asked.mode().isPresent() && !asked.mode().equals(c.mode())
                || asked.maxRemediations().isPresent() && asked.maxRemediations().getAsInt() != c.maxRemediations()) {
            throw new BadSweepException("ContinuationMismatch", "a continued sweep keeps the mode and"
                    + " maxRemediations it started with: send compartmentId and continuation only");
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

    private GuardResult unlisted(Unit unit, Trigger trigger, SweepRequest request, OciCallException e) {
        Mode mode = request.mode().orElse(config.modeFor(unit.type().name()));
        return Unchecked.failed(trigger, unit.type(), mode, unit.compartmentId(), unit.compartmentId(), e);
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

    /** Where to go on; the write counts are filled in once the checks in flight have finished. */
    private static Continuation continuation(SweepRequest request, String sweepId, int maxRemediations, Unit unit,
                                             String afterId) {
        return new Continuation(sweepId, request.compartmentId(), request.includeSubcompartments(), request.types(),
                request.mode(), maxRemediations, 0, 0, unit.compartmentKey(), unit.typeIndex(), afterId);
    }

    private SweepReport report(String sweepId, SweepRequest request, String modeLabel, List<GuardResult> results,
                               SweepBudget budget, Optional<Continuation> next, EventRulesStatus eventRules,
                               Instant started) {
        int judged = (int) results.stream().filter(Sweep::isResource).count();
        List<GuardResult> published = digest.publish(new SweepDigest.Invocation(sweepId, request.compartmentId(),
                modeLabel, judged, budget.remediated(), next.isEmpty(), eventRules.problems()), results);
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        Map<String, SweepReport.TypeCount> byType = new LinkedHashMap<>();
        request.types().forEach(t -> byType.put(t.name(), new SweepReport.TypeCount(0, 0)));
        int scanned = 0;
        for (GuardResult r : published) {
            counts.merge(r.verdict(), 1, Integer::sum);
            if (isResource(r)) {
                scanned++;
                byType.merge(r.resourceType(), new SweepReport.TypeCount(1,
                        r.verdict() == Status.NON_COMPLIANT ? 1 : 0), (a, b) ->
                        new SweepReport.TypeCount(a.scanned() + b.scanned(), a.nonCompliant() + b.nonCompliant()));
            }
        }
        List<GuardResult> findings = published.stream().filter(r -> r.verdict() != Status.COMPLIANT).toList();
        Optional<String> messageId = published.stream().map(GuardResult::messageId).flatMap(Optional::stream)
                .findFirst();
        SweepReport report = new SweepReport(sweepId, request.compartmentId(), modeLabel, scanned, counts, byType,
                findings, budget.remediated(), next.isEmpty(), next.map(Continuation::encode), millisSince(started),
                messageId.isPresent(), messageId, Optional.empty(), Optional.of(eventRules));
        log.event("sweep", sweepId + " of " + request.compartmentId() + ": " + scanned + " judged, "
                + report.count(Status.NON_COMPLIANT) + " not on a customer-managed key, " + report.remediated()
                + " remediated, " + report.count(Status.ERROR) + " errors, " + (report.complete() ? "complete"
                : "continues") + " (" + report.durationMs() + " ms)" + (eventRules.problems().isEmpty() ? ""
                : "; Events rules: " + String.join("; ", eventRules.problems())));
        return report;
    }

    /** False for the ERROR of a compartment whose resources of a type could not be listed. */
    private static boolean isResource(GuardResult r) {
        return !r.resourceId().equals(r.compartmentId());
    }

    private long millisSince(Instant started) {
        return java.time.Duration.between(started, clock.instant()).toMillis();
    }

    private static void awaitQuietly(ExecutorService workers) {
        try {
            while (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
                // checks in flight are bounded by the SDK's timeouts and retries: keep waiting
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String sweepId) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "cmk-guard-" + sweepId + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
