package io.cmkguard.resource;

import io.cmkguard.event.OciEvent;
import io.cmkguard.event.ResourceIdRule;
import io.cmkguard.util.Ocid;

import java.util.Optional;

/** Resources named by an OCID of one kind: the event's resourceId is the id. */
record OcidIdentity(String kind) implements Identity {

    @Override
    public ResourceIdRule resourceIdRule() {
        return ResourceIdRule.REGIONAL_OCID;
    }

    @Override
    public boolean owns(String id) {
        return Ocid.kindOf(id).equals(kind);
    }

    @Override
    public Optional<String> namedBy(OciEvent event) {
        return owns(event.resourceId()) ? Optional.of(event.resourceId()) : Optional.empty();
    }

    @Override
    public String example() {
        return "ocid1." + kind + ".oc1.iad.example";
    }

    @Override
    public String expected() {
        return "an ocid1." + kind;
    }
}
