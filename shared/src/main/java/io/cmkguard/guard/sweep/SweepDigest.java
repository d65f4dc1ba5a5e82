package io.cmkguard.guard.sweep;

import io.cmkguard.guard.Guard;
import io.cmkguard.result.Action;
import io.cmkguard.result.GuardResult;
import io.cmkguard.notify.Digest;
import io.cmkguard.notify.Finding;
import io.cmkguard.notify.Notifier;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.policy.Status;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.resource.type.ResourceTypes;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One message for a sweep invocation's findings that call for one (modes notify and remediate),
 * worst first; the results then name the message, or say why it was not sent.
 */
final class SweepDigest {
    private final Notifier notifier;

    /** What the digest says about the invocation as a whole. */
    record Invocation(String sweepId, String scope, String mode, int judged, int remediated, boolean complete,
                      List<String> ruleProblems) {
    }

    SweepDigest(Notifier notifier) {
        this.notifier = notifier;
    }

    List<GuardResult> publish(Invocation invocation, List<GuardResult> results) {
        List<GuardResult> toSend = results.stream().filter(SweepDigest::callsForMessage).toList();
        boolean audit = invocation.mode().equals("audit");
        if (toSend.isEmpty() && (audit || invocation.ruleProblems().isEmpty())) {
            return results; // a broken Events rule is news even when every resource is compliant
        }
        List<Finding> findings = toSend.stream().sorted(Comparator.comparingInt(Guard::severity).reversed()
                        .thenComparing(r -> r.action() == Action.REMEDIATED))
                .map(SweepDigest::finding).toList();
        int notOnCmk = (int) results.stream().filter(r -> r.verdict() == Status.NON_COMPLIANT).count();
        int errors = (int) results.stream().filter(r -> r.verdict() == Status.ERROR).count();
        Digest digest = new Digest(invocation.sweepId(), invocation.scope(), invocation.mode(), invocation.judged(),
                notOnCmk, invocation.remediated(), errors, invocation.complete(), findings,
                invocation.ruleProblems());
        try {
            Optional<String> messageId = notifier.publishDigest(digest);
            return results.stream().map(r -> !callsForMessage(r) ? r : messageId.map(r::withMessageId)
                    .orElseGet(() -> r.action() == Action.NOTIFIED ? r.withAction(Action.LOGGED) : r)).toList();
        } catch (OciCallException e) {
            GuardResult.Fault fault = new GuardResult.Fault(e.code(), "the sweep's digest could not be published: "
                    + e.getMessage());
            return results.stream().map(r -> !callsForMessage(r) ? r : r.toBuilder()
                    .action(r.action() == Action.NOTIFIED ? Action.LOGGED : r.action())
                    .error(r.error().or(() -> Optional.of(fault))).publishError(Optional.of(fault))
                    .build()).toList();
        }
    }

    private static boolean callsForMessage(GuardResult r) {
        return r.action() == Action.NOTIFIED || r.action() == Action.REMEDIATED
                || r.action() == Action.REMEDIATION_FAILED;
    }

    private static Finding finding(GuardResult r) {
        String noun = ResourceTypes.ALL.stream().filter(t -> t.name().equals(r.resourceType())).findFirst()
                .map(ResourceType::noun).orElse(r.resourceType());
        Optional<GuardResult.Fix> fix = r.fix();
        return new Finding(r, noun, "", Optional.empty(), fix.flatMap(GuardResult.Fix::command),
                fix.map(GuardResult.Fix::consoleUrl).orElse(""), fix.flatMap(GuardResult.Fix::prerequisite));
    }
}
