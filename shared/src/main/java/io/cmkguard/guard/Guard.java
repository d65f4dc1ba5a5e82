package io.cmkguard.guard;

import io.cmkguard.config.GuardConfig;
import io.cmkguard.config.Mode;
import io.cmkguard.event.OciEvent;
import io.cmkguard.notify.Finding;
import io.cmkguard.notify.FindingMessage;
import io.cmkguard.notify.Notifier;
import io.cmkguard.oci.KeyDirectory;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.OciClients;
import io.cmkguard.policy.CmkPolicy;
import io.cmkguard.policy.KeyFacts;
import io.cmkguard.policy.Problem;
import io.cmkguard.policy.Status;
import io.cmkguard.policy.Verdict;
import io.cmkguard.resource.Encryption;
import io.cmkguard.resource.KeyAssignment;
import io.cmkguard.resource.Resource;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.resource.ResourceTypes;
import io.cmkguard.util.Ocid;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline for one event: find the resources it names, re-read each, judge its key, then
 * remediate, notify or log by mode. Holds no per-invocation state: a warm function reuses it.
 */
public final class Guard {
    private static final int VERIFY_READS = 20;
    private static final long VERIFY_PAUSE_MILLIS = 250;

    private final GuardConfig config;
    private final OciClients clients;
    private final KeyDirectory keys;
    private final Notifier notifier;
    private final DecisionLog log;
    private final Clock clock;
    private final CmkPolicy policy;
    private final RecentFindings recent;

    public Guard(GuardConfig config, OciClients clients, KeyDirectory keys, Notifier notifier, DecisionLog log,
                 Clock clock) {
        this.config = config;
        this.clients = clients;
        this.keys = keys;
        this.notifier = notifier;
        this.log = log;
        this.clock = clock;
        this.policy = new CmkPolicy(config);
        this.recent = new RecentFindings(config.dedupWindow(), clock);
    }

    public GuardResult handle(OciEvent event) {
        GuardResult result = evaluate(event);
        if (result.items().isEmpty()) {
            log.record(result);
        } else {
            result.items().forEach(log::record);
        }
        return result;
    }

    private GuardResult evaluate(OciEvent event) {
        Optional<ResourceType> found = ResourceTypes.forEventType(event.eventType());
        if (found.isEmpty()) {
            return GuardResult.rejected(event.eventId(), event.eventType(), event.resourceId(), Status.IGNORED,
                    "cmk-guard does not handle event type " + event.eventType()
                            + ": check the Events rule condition (events/rules/)", Optional.empty());
        }
        ResourceType type = found.get();
        String expected = type.subjectKind(event.eventType());
        String actual = Ocid.kindOf(event.resourceId());
        if (!expected.equals(actual)) {
            return GuardResult.rejected(event.eventId(), event.eventType(), event.resourceId(), Status.ERROR,
                    "the event's resourceId is not an OCID of a " + expected,
                    Optional.of(new GuardResult.Fault("ResourceIdMismatch", "event " + event.eventType()
                            + " should name an ocid1." + expected + " but names '" + event.resourceId() + "'")));
        }
        List<String> ids;
        try {
            ids = type.resourceIds(event, clients);
        } catch (OciCallException e) {
            return failed(event, type, event.resourceId(), e);
        }
        if (ids.isEmpty()) {
            return notFound(event, type, event.resourceId(), "the " + expected + " " + event.resourceId()
                    + " no longer exists or has no " + type.noun() + " attached, or the function may not read it");
        }
        List<GuardResult> results = ids.stream().map(id -> check(type, id, event)).toList();
        return results.size() == 1 ? results.get(0) : summarise(results);
    }

    /** Checks one resource and acts on the verdict. Faults end as ERROR, never half-done. */
    public GuardResult check(ResourceType type, String id, OciEvent event) {
        Mode mode = config.modeFor(type.name());
        Optional<Resource> read;
        try {
            read = type.fetch(clients, id);
        } catch (OciCallException e) {
            return failed(event, type, id, e);
        }
        if (read.isEmpty()) {
            return notFound(event, type, id, "the " + type.noun() + " " + id
                    + " does not exist (deleted before the check?) or the function may not read it");
        }
        Resource resource = read.get();
        Optional<Verdict> exempt = policy.exemption(resource, clock.instant());
        if (exempt.isPresent()) { // never touched: not even its key or source is read
            return new Outcome(event, type, resource, exempt.get(), Optional.empty(), mode, Optional.empty())
                    .result(Action.NONE, resource.encryption(), Optional.empty(), Optional.empty());
        }
        Verdict verdict;
        Optional<Resource> source;
        try {
            source = readSource(resource);
            verdict = policy.evaluate(resource, lookUpKeys(resource), source,
                    type.keyRemovalEventTypes().contains(event.eventType()), clock.instant());
        } catch (OciCallException e) {
            return failed(event, type, id, e);
        }
        Outcome outcome = new Outcome(event, type, resource, verdict, source, mode, fixFor(type, resource, verdict));
        if (verdict.status() != Status.NON_COMPLIANT) {
            return outcome.result(Action.NONE, resource.encryption(), Optional.empty(), Optional.empty());
        }
        return switch (mode) {
            case AUDIT -> outcome.result(Action.LOGGED, resource.encryption(), Optional.empty(), Optional.empty());
            case NOTIFY -> notify(outcome, Action.NOTIFIED, resource.encryption(), verdict.blocker(), Optional.empty());
            case REMEDIATE -> remediate(outcome);
        };
    }

    private GuardResult remediate(Outcome o) {
        Resource resource = o.resource();
        Optional<String> target = config.remediationKeyFor(resource.compartmentId());
        Optional<String> blocker = o.verdict().blocker().or(resource::keyChangeBlocker);
        if (blocker.isEmpty() && !o.type().keyChangeableInPlace()) {
            blocker = Optional.of("OCI cannot change a " + o.type().noun() + "'s key in place");
        }
        if (blocker.isEmpty() && target.isEmpty()) {
            blocker = Optional.of("no remediation key is configured for compartment " + resource.compartmentId());
        }
        Optional<KeyFacts> targetKey = Optional.empty();
        if (blocker.isEmpty()) {
            try {
                targetKey = Optional.of(keys.lookup(target.get()));
                blocker = targetKeyProblem(targetKey.get(), resource);
            } catch (OciCallException e) {
                blocker = Optional.of("the configured remediation key could not be read: " + e.getMessage());
            }
        }
        if (blocker.isPresent()) {
            return notify(o, Action.NOTIFIED, resource.encryption(), blocker, Optional.empty());
        }
        String keyId = target.get();
        try {
            KeyAssignment.assign(o.type(), clients, resource, targetKey.get()); // names a missing key grant
        } catch (OciCallException e) {
            return notify(o, Action.REMEDIATION_FAILED, resource.encryption(), Optional.empty(),
                    Optional.of(new GuardResult.Fault(e.code(), e.getMessage())));
        }
        return verifyAssigned(o, keyId);
    }

    /** Re-reads until the service shows the key (or gives up): only a confirmed change counts. */
    private GuardResult verifyAssigned(Outcome o, String keyId) {
        Optional<Resource> reread = Optional.empty();
        try {
            for (int i = 0; i < VERIFY_READS; i++) {
                reread = o.type().fetch(clients, o.resource().id());
                boolean settled = reread.map(r -> !"UPDATING".equals(r.lifecycleState())).orElse(true);
                if (settled) {
                    break;
                }
                Thread.sleep(VERIFY_PAUSE_MILLIS);
            }
        } catch (OciCallException e) {
            return notify(o, Action.REMEDIATION_FAILED, o.resource().encryption(), Optional.empty(),
                    Optional.of(new GuardResult.Fault(e.code(), "the key was assigned but the re-read failed: "
                            + e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Encryption after = reread.map(Resource::encryption).orElse(Encryption.oracleManaged());
        if (after.kind() == Encryption.Kind.OCI_VAULT && after.keyId().equals(keyId)) {
            return notify(o, Action.REMEDIATED, after, Optional.empty(), Optional.empty());
        }
        return notify(o, Action.REMEDIATION_FAILED, after, Optional.empty(), Optional.of(new GuardResult.Fault(
                "VerificationFailed", "after assigning " + keyId + " the re-read shows " + after.describe())));
    }

    /** Why the configured key must not be assigned to this resource; empty if it may be. */
    private Optional<String> targetKeyProblem(KeyFacts key, Resource resource) {
        if (resource.encryption().keyId().equals(key.keyId())) {
            return Optional.of("the configured remediation key " + key.keyId() + " is the key that fails the policy");
        }
        List<Problem> problems = policy.keyProblems(key.keyId(), resource.region(), Optional.of(key));
        return problems.stream().findFirst().map(p -> "the configured remediation key is not usable here: "
                + p.reason().replaceFirst("^its key", "key"));
    }

    private GuardResult notify(Outcome o, Action action, Encryption after, Optional<String> blocker,
                               Optional<GuardResult.Fault> fault) {
        GuardResult result = o.result(action, after, Optional.empty(), fault);
        String fingerprint = result.resourceId() + '|' + action + '|' + String.join("|", result.reasons());
        if (action == Action.NOTIFIED && recent.seen(fingerprint)) {
            List<String> reasons = new ArrayList<>(result.reasons());
            reasons.add("the same finding was published within the last " + config.dedupWindow().toMinutes()
                    + " minutes: not published again");
            return o.withReasons(result, Action.NONE, reasons);
        }
        GuardResult.Fix fix = o.fix().orElseThrow(); // every non-compliant outcome has one
        Finding finding = new Finding(result, o.type().noun(), o.event().compartmentName(), blocker,
                fix.command(), fix.consoleUrl(), fix.prerequisite());
        try {
            String messageId = notifier.publish(FindingMessage.render(finding));
            recent.remember(fingerprint);
            return o.result(action, after, Optional.of(messageId), fault);
        } catch (OciCallException e) {
            Action fallback = action == Action.NOTIFIED ? Action.LOGGED : action;
            GuardResult.Fault publishFault = new GuardResult.Fault(e.code(),
                    "the finding could not be published: " + e.getMessage());
            return o.result(fallback, after, Optional.empty(), Optional.of(fault.orElse(publishFault)));
        }
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
                        return t.fetch(clients, l.sourceId());
                    } catch (OciCallException e) {
                        return Optional.empty(); // lineage is context; a fault reading it must not fail the check
                    }
                }));
    }

    private GuardResult notFound(OciEvent event, ResourceType type, String id, String reason) {
        return new GuardResult(event.eventId(), event.eventType(), id, type.name(), "", event.compartmentId(),
                Ocid.parse(id).flatMap(Ocid::regionId).orElse(""), config.modeFor(type.name()).label(),
                Status.NOT_FOUND, Action.NONE, List.of(reason), "", "", false, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
    }

    private GuardResult failed(OciEvent event, ResourceType type, String id, OciCallException e) {
        return new GuardResult(event.eventId(), event.eventType(), id, type.name(), "", event.compartmentId(),
                Ocid.parse(id).flatMap(Ocid::regionId).orElse(""), config.modeFor(type.name()).label(),
                Status.ERROR, Action.NONE, List.of("the check could not finish, so nothing was changed: "
                + e.getMessage()), "", "", false, Optional.empty(), Optional.empty(),
                Optional.of(new GuardResult.Fault(e.code(), e.getMessage())), List.of());
    }

    /** Several resources for one event (e.g. an instance with more than one boot volume): the worst leads. */
    private static GuardResult summarise(List<GuardResult> results) {
        GuardResult lead = results.stream().max(Comparator.comparingInt(Guard::severity)).orElseThrow();
        return new GuardResult(lead.eventId(), lead.eventType(), lead.resourceId(), lead.resourceType(),
                lead.displayName(), lead.compartmentId(), lead.region(), lead.mode(), lead.verdict(), lead.action(),
                lead.reasons(), lead.kmsKeyIdBefore(), lead.kmsKeyIdAfter(),
                results.stream().anyMatch(GuardResult::notified), lead.messageId(), lead.lineage(), lead.error(),
                results, lead.fix());
    }

    private static int severity(GuardResult r) {
        return switch (r.verdict()) {
            case ERROR -> 5;
            case NON_COMPLIANT -> 4;
            case NOT_FOUND -> 3;
            case EXEMPT -> 2;
            case COMPLIANT -> 1;
            case IGNORED -> 0;
        };
    }


    /** What was read and judged for one resource, from which results are made. */
    private record Outcome(OciEvent event, ResourceType type, Resource resource, Verdict verdict,
                           Optional<Resource> source, Mode mode, Optional<GuardResult.Fix> fix) {

        GuardResult result(Action action, Encryption after, Optional<String> messageId,
                           Optional<GuardResult.Fault> fault) {
            Optional<GuardResult.Lineage> lineage = resource.lineage().map(l -> new GuardResult.Lineage(
                    l.relation(), l.sourceId(), source.map(s -> keyRef(s.encryption())).orElse(""),
                    verdict.downgrade()));
            return new GuardResult(event.eventId(), event.eventType(), resource.id(), type.name(),
                    resource.displayName(), resource.compartmentId(), resource.region(), mode.label(),
                    verdict.status(), action, verdict.reasons(), keyRef(resource.encryption()), keyRef(after),
                    messageId.isPresent(), messageId, lineage, fault, List.of(), fix);
        }

        GuardResult withReasons(GuardResult r, Action action, List<String> reasons) {
            return new GuardResult(r.eventId(), r.eventType(), r.resourceId(), r.resourceType(), r.displayName(),
                    r.compartmentId(), r.region(), r.mode(), r.verdict(), action, reasons, r.kmsKeyIdBefore(),
                    r.kmsKeyIdAfter(), false, Optional.empty(), r.lineage(), r.error(), r.items(), r.fix());
        }

        private static String keyRef(Encryption e) {
            return switch (e.kind()) {
                case ORACLE_MANAGED -> "";
                case OCI_VAULT -> e.keyId();
                case EXTERNAL -> e.provider() + ":" + e.details().values().stream().findFirst().orElse("");
            };
        }
    }
}
