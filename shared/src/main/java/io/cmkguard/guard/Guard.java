package io.cmkguard.guard;

import io.cmkguard.config.GuardConfig;
import io.cmkguard.config.Mode;
import io.cmkguard.event.OciEvent;
import io.cmkguard.notify.Finding;
import io.cmkguard.notify.Notifier;
import io.cmkguard.oci.KeyDirectory;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.OciClients;
import io.cmkguard.policy.CmkPolicy;
import io.cmkguard.policy.KeyFacts;
import io.cmkguard.policy.Status;
import io.cmkguard.policy.Verdict;
import io.cmkguard.resource.Candidate;
import io.cmkguard.resource.Resource;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.resource.ResourceTypes;
import io.cmkguard.util.Ocid;

import io.cmkguard.util.Deadline;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Checks one resource for a trigger (an event or a sweep): re-read it, judge its key, then
 * remediate, notify or log by mode. Events first find their resources ({@link EventTargets}).
 * Holds no per-invocation state: a warm function reuses it, and sweeps call it from several threads.
 */
public final class Guard implements AutoCloseable {
    private final GuardConfig config;
    private final OciClients clients;
    private final KeyDirectory keys;
    private final DecisionLog log;
    private final Clock clock;
    private final CmkPolicy policy;
    private final EventTargets targets;
    private final Remediator remediator;
    private final Publisher publisher;
    private final Runner runner = new Runner();

    /** How many of one event's resources are checked at once (a VM cluster's databases, an instance's volumes). */
    static final int CHECKS_AT_ONCE = 4;

    public Guard(GuardConfig config, OciClients clients, KeyDirectory keys, Notifier notifier, DecisionLog log,
                 Clock clock) {
        this.config = config;
        this.clients = clients;
        this.keys = keys;
        this.log = log;
        this.clock = clock;
        this.policy = new CmkPolicy(config);
        this.targets = new EventTargets(clients, config);
        this.remediator = new Remediator(config, clients, keys, policy, clock);
        this.publisher = new Publisher(notifier, config.dedupWindow(), clock);
    }

    /** Answers one event with no deadline (outside a function invocation). */
    public GuardResult handle(OciEvent event) {
        return handle(event, Deadline.none(clock));
    }

    /**
     * Answers one event: every resource it names is checked, a few at once, and each decision is
     * logged as soon as it is made. At the deadline no new check starts and the answer is given:
     * resources not reached, or still being checked, are marked so (ERROR, DeadlineExceeded).
     */
    public GuardResult handle(OciEvent event, Deadline deadline) {
        Optional<EventTargets.Targets> found;
        try {
            found = deadline.passed() ? Optional.empty() : Runner.await(runner.start(() -> targets.of(event)), deadline);
        } catch (RuntimeException e) { // e.g. a parent read whose 200 answer lacks what the next call needs
            GuardResult failed = GuardResult.rejected(event.eventId(), event.eventType(), event.resourceId(),
                    Status.ERROR, "the resources of this event could not be found, so nothing was checked or changed",
                    Optional.of(new GuardResult.Fault("InternalError", "finding the resources of "
                            + event.resourceId() + " failed: " + e.getClass().getSimpleName())));
            log.record(failed);
            return failed;
        }
        if (found.isEmpty() || found.get() instanceof EventTargets.Answered) {
            GuardResult answer = found.map(t -> ((EventTargets.Answered) t).result())
                    .orElseGet(() -> unfinishedLookup(event));
            log.record(answer);
            return answer;
        }
        EventTargets.Found f = (EventTargets.Found) found.get();
        List<GuardResult> results = checkAll(f, Trigger.event(event), event.compartmentId(), deadline);
        return results.size() == 1 ? results.get(0) : summarise(results);
    }

    /** The event's resources, at most CHECKS_AT_ONCE at a time, until done or the deadline. */
    private List<GuardResult> checkAll(EventTargets.Found f, Trigger trigger, String compartmentId, Deadline deadline) {
        Semaphore slots = new Semaphore(CHECKS_AT_ONCE);
        List<Future<GuardResult>> started = new ArrayList<>();
        for (String id : f.ids()) {
            if (deadline.passed() || !acquire(slots, deadline)) {
                break; // the budget is spent: start nothing new
            }
            Candidate candidate = new Candidate(f.type(), id, compartmentId);
            started.add(runner.start(() -> {
                try {
                    GuardResult result = checkSafely(candidate, trigger);
                    log.record(result);
                    return result;
                } finally {
                    slots.release();
                }
            }));
        }
        List<GuardResult> results = new ArrayList<>();
        Mode mode = config.modeFor(f.type().name());
        for (int i = 0; i < f.ids().size(); i++) {
            boolean wasStarted = i < started.size();
            Optional<GuardResult> done = wasStarted ? Runner.await(started.get(i), deadline) : Optional.empty();
            if (done.isPresent()) {
                results.add(done.get()); // logged by its check
            } else {
                GuardResult marked = Unchecked.unreached(trigger, f.type(), mode, f.ids().get(i), compartmentId,
                        wasStarted);
                log.record(marked);
                results.add(marked);
            }
        }
        return results;
    }

    /** A bug costs one resource an ERROR result, not the whole event its answer. */
    private GuardResult checkSafely(Candidate candidate, Trigger trigger) {
        try {
            return check(candidate, trigger);
        } catch (RuntimeException e) {
            Mode mode = trigger.mode().orElse(config.modeFor(candidate.type().name()));
            return Unchecked.failed(trigger, candidate.type(), mode, candidate.id(), candidate.compartmentId(),
                    new GuardResult.Fault("InternalError", "the check of " + candidate.id() + " failed: "
                            + e.getClass().getSimpleName()));
        }
    }

    private static boolean acquire(Semaphore slots, Deadline deadline) {
        try {
            return slots.tryAcquire(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Finding the event's resources (e.g. listing a cluster's databases) did not finish in time. */
    private GuardResult unfinishedLookup(OciEvent event) {
        return GuardResult.rejected(event.eventId(), event.eventType(), event.resourceId(), Status.ERROR,
                "the invocation's deadline came while finding the resources this event names, so nothing was"
                        + " checked or changed", Optional.of(new GuardResult.Fault(Unchecked.DEADLINE_EXCEEDED,
                        "finding the resources of " + event.resourceId() + " did not finish before the deadline")));
    }

    /** Checks one resource and acts on the verdict. Faults end as ERROR, never half-done. Not logged here. */
    public GuardResult check(Candidate candidate, Trigger trigger) {
        ResourceType type = candidate.type();
        String id = candidate.id();
        Mode mode = trigger.mode().orElse(config.modeFor(type.name()));
        Optional<Resource> read;
        try {
            read = fetchExactly(type, clients, id);
        } catch (OciCallException e) {
            return Unchecked.failed(trigger, type, mode, id, candidate.compartmentId(), e);
        }
        if (read.isEmpty()) {
            return Unchecked.notFound(trigger, type, mode, id, candidate.compartmentId(), "the " + type.noun() + " " + id
                    + " does not exist (deleted before the check?) or the function may not read it");
        }
        Resource resource = read.get();
        Optional<Verdict> exempt = policy.exemption(resource, clock.instant());
        if (exempt.isPresent()) { // never touched: not even its key or source is read
            return new Judged(trigger, type, resource, exempt.get(), Optional.empty(), mode, Optional.empty())
                    .result(Action.NONE);
        }
        Judged judged;
        try {
            Optional<Resource> source = readSource(resource);
            Verdict verdict = policy.evaluate(resource, lookUpKeys(resource), source,
                    type.keyRemovalEventTypes().contains(trigger.eventType()), clock.instant());
            judged = new Judged(trigger, type, resource, verdict, source, mode, fixFor(type, resource, verdict));
        } catch (OciCallException e) {
            return Unchecked.failed(trigger, type, mode, id, resource.compartmentId(), e);
        }
        if (judged.verdict().status() != Status.NON_COMPLIANT) {
            return judged.result(Action.NONE);
        }
        return switch (mode) {
            case AUDIT -> judged.result(Action.LOGGED);
            case NOTIFY -> deliver(judged, judged.result(Action.NOTIFIED), judged.verdict().blocker());
            case REMEDIATE -> {
                Remediator.Remediation done = remediator.remediate(judged);
                if (done.fixedConcurrently()) { // compliant, not by this invocation: nothing to alert about
                    yield judged.fixedConcurrently(done.after(), done.note().orElseThrow());
                }
                GuardResult result = judged.result(done.action(), done.after()).toBuilder().error(done.fault())
                        .reasons(done.note().map(n -> append(judged.verdict().reasons(), n))
                                .orElse(judged.verdict().reasons()))
                        .build();
                yield deliver(judged, result, done.blocker());
            }
        };
    }

    /** Publishes the finding on its own, or leaves it for the caller's digest (a sweep). */
    private GuardResult deliver(Judged judged, GuardResult result, Optional<String> blocker) {
        if (!judged.trigger().publishEach()) { // the report has no message to say why: its reasons do
            return blocker.map(b -> result.withReasons(append(result.reasons(), "not changed: " + b))).orElse(result);
        }
        GuardResult.Fix fix = judged.fix().orElseThrow(); // every non-compliant result has one
        Finding finding = new Finding(result, judged.type().noun(), judged.trigger().compartmentName(), blocker,
                fix.command(), fix.consoleUrl(), fix.prerequisite());
        return publisher.publish(result, finding);
    }

    private static List<String> append(List<String> list, String item) {
        List<String> all = new java.util.ArrayList<>(list);
        all.add(item);
        return all;
    }

    /** How to fix a non-compliant resource by hand; empty for any other verdict. */
    private Optional<GuardResult.Fix> fixFor(ResourceType type, Resource resource, Verdict verdict) {
        if (verdict.status() != Status.NON_COMPLIANT) {
            return Optional.empty();
        }
        String key = config.remediationKeyFor(resource.compartmentId()).orElse("<customer-managed key OCID>");
        // a replica-only finding carries its own fix in its reason: the resource's own key is fine
        Optional<String> command = verdict.ownKeyFails() ? Optional.of(type.fixCommand(resource, key)) : Optional.empty();
        return Optional.of(new GuardResult.Fix(command, config.consoleUrl() + type.consolePath(resource),
                type.prerequisite()));
    }

    private Map<String, KeyFacts> lookUpKeys(Resource resource) {
        Map<String, KeyFacts> facts = new LinkedHashMap<>();
        for (String keyId : CmkPolicy.keysToLookUp(resource)) {
            facts.put(keyId, keys.lookup(keyId));
        }
        return facts;
    }

    /** The source of a clone, restore, activation or copy; empty if there is none or it cannot be read. */
    private Optional<Resource> readSource(Resource resource) {
        return resource.lineage().flatMap(l -> ResourceTypes.forOcidKind(Ocid.kindOf(l.sourceId()))
                .flatMap(t -> {
                    try {
                        return fetchExactly(t, clients, l.sourceId());
                    } catch (OciCallException e) {
                        return Optional.empty(); // lineage is context; a fault reading it must not fail the check
                    }
                }));
    }

    /**
     * Reads one resource; an answer that is not that resource (no id, another id: an error body sent
     * with 200) is a fault, never judged.
     */
    static Optional<Resource> fetchExactly(ResourceType type, OciClients clients, String id) {
        Optional<Resource> read = type.fetch(clients, id);
        if (read.isPresent() && !id.equals(read.get().id())) {
            throw OciCallException.malformed("Get " + type.noun() + " " + id, "the answer is not that " + type.noun());
        }
        return read;
    }

    /** Several resources for one event (e.g. an instance with more than one boot volume): the worst leads. */
    private static GuardResult summarise(List<GuardResult> results) {
        GuardResult lead = results.stream().max(Comparator.comparingInt(Guard::severity)).orElseThrow();
        return lead.toBuilder().notified(results.stream().anyMatch(GuardResult::notified)).items(results).build();
    }

    /** Stops the check threads (a closing function's checks still running are abandoned). */
    @Override
    public void close() {
        runner.close();
    }

    static int severity(GuardResult r) {
        return switch (r.verdict()) {
            case ERROR -> 5;
            case NON_COMPLIANT -> 4;
            case NOT_FOUND -> 3;
            case EXEMPT -> 2;
            case COMPLIANT -> 1;
            case IGNORED -> 0;
        };
    }
}
