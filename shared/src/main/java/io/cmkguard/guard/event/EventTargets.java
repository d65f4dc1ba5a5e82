package io.cmkguard.guard.event;

import io.cmkguard.guard.Unchecked;
import io.cmkguard.guard.Trigger;
import io.cmkguard.result.GuardResult;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.event.OciEvent;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.OciClients;
import io.cmkguard.policy.Status;
import io.cmkguard.resource.Candidate;
import io.cmkguard.resource.Identity;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.resource.type.ResourceTypes;

import java.util.List;
import java.util.Optional;

/**
 * Finds the resources an event asks to check: the type its event type belongs to, a check that
 * the event names what its type expects, then the ids (an instance's boot volumes, a container's
 * databases...). Either the resources, or the answer when there are none to check.
 */
final class EventTargets {

    /** What an event leads to. */
    sealed interface Targets permits Found, Answered {
    }

    /** The resources to check, each with its own type (a volume group's members may be boot volumes). */
    record Found(List<Candidate> candidates) implements Targets {
    }

    /** Nothing to check: the answer says why (ignored type, wrong OCID kind, gone, fault). */
    record Answered(GuardResult result) implements Targets {
    }

    private final OciClients clients;
    private final GuardConfig config;

    EventTargets(OciClients clients, GuardConfig config) {
        this.clients = clients;
        this.config = config;
    }

    Targets of(OciEvent event) {
        Optional<ResourceType> found = ResourceTypes.forEventType(event.eventType());
        if (found.isEmpty()) {
            return new Answered(GuardResult.rejected(event.eventId(), event.eventType(), event.resourceId(),
                    Status.IGNORED, "cmk-guard does not handle event type " + event.eventType()
                            + ": check the Events rule condition (events/rules/)", Optional.empty()));
        }
        ResourceType type = found.get();
        Optional<String> ignored = type.ignoredBecause(event);
        if (ignored.isPresent()) {
            return new Answered(GuardResult.rejected(event.eventId(), event.eventType(), event.resourceId(),
                    Status.IGNORED, ignored.get(), Optional.empty()).toBuilder()
                    .resourceType(type.name()).compartmentId(event.compartmentId()).build());
        }
        Identity subject = type.subject(event.eventType());
        if (subject.namedBy(event).isEmpty()) {
            return new Answered(GuardResult.rejected(event.eventId(), event.eventType(), event.resourceId(),
                    Status.ERROR, "the event does not name " + subject.expected(),
                    Optional.of(new GuardResult.Fault("ResourceIdMismatch", "event " + event.eventType()
                            + " should name " + subject.expected() + " but names '" + event.resourceId() + "'"))));
        }
        List<String> ids;
        try {
            ids = type.resourceIds(event, clients);
        } catch (OciCallException e) {
            return new Answered(Unchecked.failed(Trigger.event(event), type, config.modeFor(type.name()), event.resourceId(),
                    event.compartmentId(), e));
        }
        if (ids.isEmpty()) {
            return new Answered(Unchecked.notFound(Trigger.event(event), type, config.modeFor(type.name()),
                    event.resourceId(), event.compartmentId(), "the resource " + event.resourceId() + " no longer exists or has no "
                            + type.noun() + " attached, or the function may not read it"));
        }
        return new Found(ids.stream().map(id -> new Candidate(typeOf(id, type), id, event.compartmentId())).toList());
    }

    /** The registered type that owns the id; the event's type when none does. */
    private static ResourceType typeOf(String id, ResourceType eventsType) {
        return eventsType.identity().owns(id) ? eventsType : ResourceTypes.owning(id).orElse(eventsType);
    }
}
