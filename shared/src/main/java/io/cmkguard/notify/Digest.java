package io.cmkguard.notify;

import io.cmkguard.util.Echo;

import java.util.List;

/**
 * One message for a whole sweep invocation: the totals, then the findings worst first. Email
 * subscriptions take about ten messages a minute, so a sweep never sends one per resource.
 *
 * @param sweepId      the sweep (the same across its continuations)
 * @param scope        the compartment swept, as people should read it
 * @param mode         audit, notify or remediate
 * @param scanned      resources judged in this invocation
 * @param notOnCmk     of those, the ones not on a customer-managed key before the sweep
 * @param fixed        of those, the ones remediated (and verified)
 * @param errors       resources that could not be judged
 * @param complete     false when the sweep stopped at its deadline and goes on with a continuation
 * @param findings     every finding, worst first
 * @param ruleProblems the Events rules feeding the function that are missing, disabled or drifted
 * @param notes        what else a person must know about the sweep: where its report is kept, why it stopped
 * @param leftOut      findings not in {@code findings} (a whole sweep's digest is given its worst ones only)
 */
public record Digest(String sweepId, String scope, String mode, int scanned, int notOnCmk, int fixed, int errors,
                     boolean complete, List<Finding> findings, List<String> ruleProblems, List<String> notes,
                     int leftOut) {

    /** The sweep id and scope are cut to 256 characters and, like the rule problems, clean and on one line (Echo). */
    public Digest {
        sweepId = Echo.bounded(sweepId);
        scope = Echo.bounded(scope);
        mode = Echo.bounded(mode);
        findings = List.copyOf(findings);
        ruleProblems = ruleProblems.stream().map(Echo::line).toList();
        notes = notes.stream().map(Echo::line).toList();
    }

    /** A digest given every finding. */
    public Digest(String sweepId, String scope, String mode, int scanned, int notOnCmk, int fixed, int errors,
                  boolean complete, List<Finding> findings, List<String> ruleProblems, List<String> notes) {
        this(sweepId, scope, mode, scanned, notOnCmk, fixed, errors, complete, findings, ruleProblems, notes, 0);
    }

    /** A digest with nothing more to say than its counts, findings and rule problems. */
    public Digest(String sweepId, String scope, String mode, int scanned, int notOnCmk, int fixed, int errors,
                  boolean complete, List<Finding> findings, List<String> ruleProblems) {
        this(sweepId, scope, mode, scanned, notOnCmk, fixed, errors, complete, findings, ruleProblems, List.of(), 0);
    }
}
