package io.cmkguard.guard;

import io.cmkguard.config.Mode;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.policy.Status;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.util.Ocid;

import java.util.List;
import java.util.Optional;

/** Results for a resource that could not be judged: it is gone, or reading it failed. */
final class Unchecked {
    private Unchecked() {
    }

    static GuardResult notFound(Trigger trigger, ResourceType type, Mode mode, String id, String compartmentId,
                                String reason) {
        return base(trigger, type, mode, id, compartmentId).verdict(Status.NOT_FOUND).reasons(List.of(reason)).build();
    }

    static GuardResult failed(Trigger trigger, ResourceType type, Mode mode, String id, String compartmentId,
                              OciCallException e) {
        return failed(trigger, type, mode, id, compartmentId, new GuardResult.Fault(e.code(), e.getMessage()));
    }

    static GuardResult failed(Trigger trigger, ResourceType type, Mode mode, String id, String compartmentId,
                              GuardResult.Fault fault) {
        return base(trigger, type, mode, id, compartmentId).verdict(Status.ERROR)
                .reasons(List.of("the check could not finish, so nothing was changed: " + fault.message()))
                .error(Optional.of(fault))
                .build();
    }

    private static GuardResult.Builder base(Trigger trigger, ResourceType type, Mode mode, String id,
                                            String compartmentId) {
        return GuardResult.builder().eventId(trigger.id()).eventType(trigger.eventType())
                .resourceId(id).resourceType(type.name()).compartmentId(compartmentId).mode(mode)
                .region(Ocid.parse(id).flatMap(Ocid::regionId).orElse(""));
    }
}
