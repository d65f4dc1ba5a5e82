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
        List<GuardResult> items,
        Optional<Fix> fix) {

    public GuardResult {
        reasons = List.copyOf(reasons);
        items = List.copyOf(items);
        fix = fix == null ? Optional.empty() : fix;
    }

    public GuardResult(String eventId, String eventType, String resourceId, String resourceType, String displayName,
                       String compartmentId, String region, String mode, Status verdict, Action action,
                       List<String> reasons, String kmsKeyIdBefore, String kmsKeyIdAfter, boolean notified,
                       Optional<String> messageId, Optional<Lineage> lineage, Optional<Fault> error,
                       List<GuardResult> items) {
        this(eventId, eventType, resourceId, resourceType, displayName, compartmentId, region, mode, verdict, action,
                reasons, kmsKeyIdBefore, kmsKeyIdAfter, notified, messageId, lineage, error, items, Optional.empty());
    }


    /**
     * How a person fixes a non-compliant resource, in every mode (audit results and logs carry it too).
     *
     * @param command      the exact OCI CLI command, when the resource's own key is at fault
     * @param consoleUrl   where the resource is in the OCI Console
     * @param prerequisite an IAM grant without which the fix fails, if the type has one
     */
    public record Fix(Optional<String> command, String consoleUrl, Optional<String> prerequisite) {
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
