package io.cmkguard.resource;

import io.cmkguard.event.OciEvent;
import io.cmkguard.event.ResourceIdRule;

import java.util.Optional;

/**
 * How a resource type's ids look and how an event names its resource. Most OCI resources are an OCID of
 * one kind; an Object Storage bucket is a namespace and a name. Only the type knows which: the parser, the
 * guard and the fan-out ask its identity.
 */
public interface Identity {

    /** An OCID of one kind, e.g. {@code volume} for ocid1.volume.oc1... */
    static Identity ocid(String kind) {
        return new OcidIdentity(kind);
    }

    /** How the parser takes an event's data.resourceId for this identity. */
    ResourceIdRule resourceIdRule();

    /** Whether the id is one of these: a clone's source, a volume group's member. */
    boolean owns(String id);

    /** The id of the resource the event names; empty when the event names something else. */
    Optional<String> namedBy(OciEvent event);

    /** What an event of this identity must name, for messages, e.g. "an ocid1.volume". */
    String expected();

    /** A well-formed id of this identity, for docs and tests (the registry checks no two types own one). */
    String example();
}
