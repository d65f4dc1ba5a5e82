package io.cmkguard.guard;

import io.cmkguard.result.Action;
import io.cmkguard.result.GuardResult;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.config.Mode;
import io.cmkguard.event.OciEvent;
import io.cmkguard.notify.Finding;
import io.cmkguard.notify.Notifier;
import io.cmkguard.oci.KeyDirectory;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.OciClients;
import io.cmkguard.policy.CmkPolicy;
import io.cmkguard.model.KeyFacts;
import io.cmkguard.policy.Status;
import io.cmkguard.policy.Verdict;
import io.cmkguard.resource.Candidate;
import io.cmkguard.resource.Candidates;
import io.cmkguard.resource.Listing;
import io.cmkguard.model.Resource;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.resource.SharedReads;
import io.cmkguard.resource.type.ResourceTypes;
import io.cmkguard.resource.type.VaultKeyType;

import io.cmkguard.util.Deadline;

import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks one resource for a trigger (an event or a sweep): re-read it, judge its key, then
 * remediate, notify or log by mode: the one check every way in (an event, a sweep, a key's search) ends in.
 * Holds no per-invocation state: a warm function reuses it, and sweeps call it from several threads.
 */
public final class Guard {
    private final GuardConfig config;
    private final OciClients clients;
    private final KeyDirectory keys;
    private final DecisionLog log;
    private final Clock clock;
    private final CmkPolicy policy;
    private final Remediator remediator;
    private final Publisher publisher;
    private final KeyRotationCheck keyRotation;

    public Guard(GuardConfig config, OciClients clients, KeyDirectory keys, Notifier notifier, DecisionLog log,
                 Clock clock) {
        this.config = config;
        this.clients = clients;
        this.keys = keys;
        this.log = log;
        this.clock = clock;
        this.policy = new CmkPolicy(config.policy());
        this.remediator = new Remediator(config.remediation(), clients, keys, policy, clock);
        this.publisher = new Publisher(notifier, config.dedupWindow(), clock);
        this.keyRotation = new KeyRotationCheck(new KeyRotationSettings(config.keyMaxAgeDays(), config.policy(),
                config.sweep(), config.watch(), config.consoleUrl()), clients, VaultKeyType.TYPE,
                new KeyUsers(clients, new Candidates(clients), clock), clock);
    }

    /** Checks one resource and acts on the verdict. Faults end as ERROR, never half-done. Not logged here. */
    public GuardResult check(Candidate candidate, Trigger trigger) {
        ResourceType type = candidate.type();
        String id = candidate.id();
        Mode mode = trigger.mode().orElse(config.modeFor(type.name()));
        if (type instanceof VaultKeyType) { // a key is judged on its rotation and health, not on a key of its own
            return keyRotation.check(candidate, trigger, mode);
        }
        Optional<Resource> read;
        try {
            // an answer that is not this resource is refused where it is read; a container it is judged by is shared
            read = type.fetch(clients, id, trigger.shared());
        } catch (OciCallException e) {
            return Unchecked.failed(trigger, type, mode, id, candidate.compartmentId(), e);
        }
        if (read.isEmpty()) {
            return Unchecked.notFound(trigger, type, mode, id, candidate.compartmentId(), "the " + type.noun() + " " + id
                    + " does not exist (deleted before the check?) or the function may not read it");
        }
        Resource resource = read.get();
        if (Listing.isGone(resource.lifecycleState())) { // e.g. terminated between a sweep's LIST and this read
            return Unchecked.notFound(trigger, type, mode, id, resource.compartmentId(), "the " + type.noun() + " "
                    + id + " is " + resource.lifecycleState() + ": there is nothing left to check");
        }
        Optional<Verdict> exempt = policy.exemption(resource, clock.instant());
        if (exempt.isPresent()) { // never touched: not even its key or source is read
            return new Judged(trigger, type, resource, exempt.get(), Optional.empty(), mode, Optional.empty())
                    .result(Action.NONE);
        }
        Judged judged;
        try {
            Optional<Resource> source = readSource(resource, trigger.shared());
            Verdict verdict = withAdvice(type, resource, policy.evaluate(resource, lookUpKeys(resource), source,
                    type.keyRemovalEventTypes().contains(trigger.eventType()), clock.instant()));
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
                        .workRequestId(done.workRequestId())
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

    /** A verdict that asks for a key change, with what the change leaves undone (a bucket's older objects). */
    private static Verdict withAdvice(ResourceType type, Resource resource, Verdict verdict) {
        if (verdict.status() != Status.NON_COMPLIANT || !verdict.ownKeyFails()) {
            return verdict;
        }
        return type.afterKeyChangeAdvice(resource).map(advice -> new Verdict(verdict.status(),
                append(verdict.reasons(), advice), verdict.downgrade(), verdict.blocker(), verdict.ownKeyFails()))
                .orElse(verdict);
    }

    /** How to fix a non-compliant resource by hand; empty for any other verdict. */
    private Optional<GuardResult.Fix> fixFor(ResourceType type, Resource resource, Verdict verdict) {
        if (verdict.status() != Status.NON_COMPLIANT) {
            return Optional.empty();
        }
        String key = config.remediationKeyFor(resource.compartmentId()).orElse("<customer-managed key OCID>");
        // a replica-only finding carries its own fix in its reason: the resource's own key is fine
        Optional<String> command = verdict.ownKeyFails() ? type.fixCommand(resource, key) : Optional.empty();
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

    /**
     * The source of a clone, restore, activation or copy (or a PDB's container); empty if there is none or it
     * cannot be read. Shared by the trigger's checks: a volume's backups read it once per sweep, not each.
     */
    private Optional<Resource> readSource(Resource resource, SharedReads shared) {
        return resource.lineage().flatMap(l -> ResourceTypes.owning(l.sourceId())
                .flatMap(t -> {
                    try {
                        return shared.resource(l.sourceId(), () -> t.fetch(clients, l.sourceId(), shared));
                    } catch (OciCallException e) {
                        return Optional.empty(); // lineage is context; a fault reading it must not fail the check
                    }
                }));
    }

    /** How bad a result is, for putting the worst first: an error, a finding, then the rest. */
    public static int severity(GuardResult r) {
        return severityOf(r.verdict());
    }

    /** How bad a verdict is (the evidence report orders its findings as the digest does, from their JSON). */
    public static int severityOf(Status verdict) {
        return switch (verdict) {
            case ERROR -> 5;
            case NON_COMPLIANT -> 4;
            case NOT_FOUND -> 3;
            case EXEMPT -> 2;
            case COMPLIANT -> 1;
            case IGNORED -> 0;
        };
    }
}
