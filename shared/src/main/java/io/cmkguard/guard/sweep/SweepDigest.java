package io.cmkguard.guard.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.cmkguard.guard.Guard;
import io.cmkguard.result.Action;
import io.cmkguard.result.GuardResult;
import io.cmkguard.notify.Digest;
import io.cmkguard.notify.Finding;
import io.cmkguard.notify.Notifier;
import io.cmkguard.report.ReportHtml;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.policy.Status;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.resource.type.ResourceTypes;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One message for a sweep's findings that call for one (modes notify and remediate), worst first: per
 * invocation, or for the whole sweep from its merged report; the results then name the message, or say
 * why it was not sent.
 */
final class SweepDigest {
    private final Notifier notifier;

    /** What the digest says about the invocation as a whole. */
    record Invocation(String sweepId, String scope, String mode, int judged, int remediated, boolean complete,
                      List<String> ruleProblems, List<String> notes) {
        Invocation(String sweepId, String scope, String mode, int judged, int remediated, boolean complete,
                   List<String> ruleProblems) {
            this(sweepId, scope, mode, judged, remediated, complete, ruleProblems, List.of());
        }
    }

    SweepDigest(Notifier notifier) {
        this.notifier = notifier;
    }

    List<GuardResult> publish(Invocation invocation, List<GuardResult> results) {
        List<GuardResult> toSend = results.stream().filter(SweepDigest::callsForMessage).toList();
        if (!isNews(toSend, invocation.mode(), invocation.ruleProblems(), invocation.notes())) {
            return results;
        }
        List<Finding> findings = worstFirst(toSend);
        int notOnCmk = (int) results.stream().filter(r -> r.verdict() == Status.NON_COMPLIANT).count();
        int errors = (int) results.stream().filter(r -> r.verdict() == Status.ERROR).count();
        Digest digest = new Digest(invocation.sweepId(), invocation.scope(), invocation.mode(), invocation.judged(),
                notOnCmk, invocation.remediated(), errors, invocation.complete(), findings,
                invocation.ruleProblems(), invocation.notes());
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

    /** One invocation's report with its findings published now, with what else a person must know. */
    SweepReport published(SweepReport r, List<String> notes) {
        List<String> rules = r.eventRules().map(e -> e.problems()).orElse(List.of());
        List<GuardResult> findings = publish(new Invocation(r.sweepId(), r.compartmentId(), r.mode(), r.scanned(),
                r.remediated(), r.complete(), rules, notes), r.findings());
        return r.withFindings(findings, findings.stream().map(GuardResult::messageId).flatMap(Optional::stream)
                .findFirst());
    }

    /**
     * The whole sweep's one message, from its merged report ({@link SweepReportJson} fields).
     *
     * @return its message id; empty when nothing called for a message or it was only logged
     * @throws OciCallException when it could not be published
     */
    Optional<String> publishWhole(JsonNode whole, List<String> notes) {
        List<GuardResult> findings = new java.util.ArrayList<>();
        whole.path("findings").forEach(f -> findings.add(FindingJson.read(f)));
        List<String> rules = new java.util.ArrayList<>();
        whole.path("eventRules").path("problems").forEach(p -> rules.add(p.asText()));
        List<GuardResult> toSend = findings.stream().filter(SweepDigest::callsForMessage).toList();
        String mode = whole.path("mode").asText();
        if (!isNews(toSend, mode, rules, notes)) {
            return Optional.empty();
        }
        List<Finding> sorted = worstFirst(toSend);
        JsonNode counts = whole.path("counts");
        return notifier.publishDigest(new Digest(whole.path("sweepId").asText(), whole.path("compartmentId").asText(),
                mode, whole.path("scanned").asInt(), counts.path(Status.NON_COMPLIANT.name()).asInt(),
                whole.path("remediated").asInt(), counts.path(Status.ERROR.name()).asInt(),
                whole.path("complete").asBoolean(), sorted, rules, notes,
                whole.path(ReportHtml.FINDINGS_LEFT_OUT).asInt(0))); // the least severe, counted in the message
    }

    /** Findings that call for a message, or, outside audit, a broken Events rule; or a note (a stopped chain). */
    private static boolean isNews(List<GuardResult> toSend, String mode, List<String> ruleProblems,
                                  List<String> notes) {
        return !toSend.isEmpty() || (!mode.equals("audit") && !ruleProblems.isEmpty()) || !notes.isEmpty();
    }

    /** The order people read findings in: the most severe first, re-keyed ones after the rest of their severity. */
    private static List<Finding> worstFirst(List<GuardResult> toSend) {
        return toSend.stream().sorted(Comparator.comparingInt(Guard::severity).reversed()
                .thenComparing(r -> r.action() == Action.REMEDIATED)).map(SweepDigest::finding).toList();
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
