package io.cmkguard.resource;

import io.cmkguard.event.OciEvent;
import io.cmkguard.oci.OciClients;

import java.util.List;
import java.util.Set;

/**
 * Events that name a parent rather than the resource (an instance for its boot volume, a container for its
 * databases), and how the parent leads to the resources to check.
 *
 * @param events            the event types that name this parent
 * @param identity          what those events name
 * @param listsByCompartment whether the members are listed in the event's compartment (so the event must carry one)
 * @param members           the ids of the resources under the parent the event names; empty when it is gone
 */
public record Parent(Set<String> events, Identity identity, boolean listsByCompartment, Members members) {

    /** Finds the members of the parent an event names. */
    @FunctionalInterface
    public interface Members {
        List<String> of(OciClients clients, OciEvent event);
    }

    public Parent {
        events = Set.copyOf(events);
    }

    public static Parent of(Set<String> events, Identity identity, Members members) {
        return new Parent(events, identity, false, members);
    }

    /** The same parent, whose members are listed in the event's compartment. */
    public Parent listedByCompartment() {
        return new Parent(events, identity, true, members);
    }
}
