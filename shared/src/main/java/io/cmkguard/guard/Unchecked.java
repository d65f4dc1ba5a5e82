package io.cmkguard.guard;

import io.cmkguard.result.GuardResult;
import io.cmkguard.config.Mode;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.policy.Status;
import io.cmkguard.resource.Candidate;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.util.Ocid;

import java.util.List;
import java.util.Optional;

/** Results for a resource that could not be judged: it is gone, or reading it failed. */
public final class Unchecked {
    /** The error code of a resource the invocation's deadline left unchecked. */
    public static final String DEADLINE_EXCEEDED = "DeadlineExceeded";

    private Unchecked() {
    }

    /**
     * A resource the deadline left unjudged.
     *
     * @param started true: its check was running (and logs its own decision when done); false: never started
     */
    public static GuardResult unreached(Trigger trigger, ResourceType type, Mode mode, String id, String compartmentId,
                                 boolean started) {
        String why = started
                ? "still being checked when the invocation's deadline came; its own decision is logged when made"
                : "not checked: the invocation's deadline came before its check could start; nothing was read or"
                + " changed";
        return base(trigger, type, mode, id, compartmentId).verdict(Status.ERROR).reasons(List.of(why))
                .error(Optional.of(new GuardResult.Fault(DEADLINE_EXCEEDED, why))).build();
    }

    public static GuardResult notFound(Trigger trigger, ResourceType type, Mode mode, String id, String compartmentId,
                                String reason) {
        return base(trigger, type, mode, id, compartmentId).verdict(Status.NOT_FOUND).reasons(List.of(reason)).build();
    }

    public static GuardResult failed(Trigger trigger, ResourceType type, Mode mode, String id, String compartmentId,
                              OciCallException e) {
        return failed(trigger, type, mode, id, compartmentId, new GuardResult.Fault(e.code(), e.getMessage()));
    }

    /**
     * A bug met while checking one resource: an ERROR for that resource only, naming the exception's type
     * and the cmk-guard line, never its text (which may quote configuration or whole answers).
     */
    public static GuardResult crashed(Trigger trigger, Candidate candidate, Mode mode, RuntimeException e) {
        return failed(trigger, candidate.type(), mode, candidate.id(), candidate.compartmentId(),
                new GuardResult.Fault("InternalError", "the check of " + candidate.id() + " failed: "
                        + e.getClass().getSimpleName() + Failures.where(e)));
    }

    public static GuardResult failed(Trigger trigger, ResourceType type, Mode mode, String id, String compartmentId,
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
