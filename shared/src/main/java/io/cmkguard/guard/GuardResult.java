package io.cmkguard.guard;

import io.cmkguard.policy.Status;

import java.util.List;
import java.util.Optional;

/**
 * The answer to one invocation: a public contract (users' scripts read it), so fields are only
 * ever added. {@code items} lists every resource when an event leads to more than one.
 */
public record GuardResult(
        String eventId,
        String eventType,
        String resourceId,
        String resourceType,
        String displayName,
        String compartmentId,
        String region,
        String mode,
        Status verdict,
        Action action,
        List<String> reasons,
        String kmsKeyIdBefore,
        String kmsKeyIdAfter,
        boolean notified,
        Optional<String> messageId,
        Optional<Lineage> lineage,
        Optional<Fault> error,
        List<GuardResult> items) {

    public GuardResult {
        reasons = List.copyOf(reasons);
        items = List.copyOf(items);
    }

    /** Where the resource came from and on which key its source is. */
    public record Lineage(String relation, String sourceId, String sourceKmsKeyId, boolean downgrade) {
    }

    /** What went wrong, for ERROR results and failed steps. */
    public record Fault(String code, String message) {
    }

    /** A result that concerns the invocation as a whole (bad input, bad config): nothing was called. */
    public static GuardResult rejected(String eventId, String eventType, String resourceId, Status verdict,
                                       String reason, Optional<Fault> error) {
        return new GuardResult(eventId, eventType, resourceId, "", "", "", "", "", verdict, Action.NONE,
                List.of(reason), "", "", false, Optional.empty(), Optional.empty(), error, List.of());
    }
}
