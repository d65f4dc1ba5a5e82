package io.cmkguard.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.cmkguard.policy.Status;
import io.cmkguard.result.Action;

/**
 * The exit status a sweep's report asks for, read from the report as the function answers it, so that
 * {@code sweep} and {@code invoke} with a {"sweep": …} body exit alike.
 */
final class SweepStatus {
    static final int ALL_COMPLIANT = 0;
    static final int FINDINGS = 1;
    static final int ERRORS = 2;

    private SweepStatus() {
    }

    /**
     * 2 when the sweep failed or a resource could not be judged; 1 when a resource is still not on a
     * customer-managed key; else 0 (exempt resources and ones deleted during the sweep are no failure).
     */
    static int of(JsonNode report) {
        if (report.path("error").isObject()) {
            return ERRORS;
        }
        int status = ALL_COMPLIANT;
        for (JsonNode finding : report.path("findings")) {
            String verdict = finding.path("verdict").asText();
            if (verdict.equals(Status.ERROR.name())) {
                return ERRORS;
            }
            if (verdict.equals(Status.NON_COMPLIANT.name())
                    && !finding.path("action").asText().equals(Action.REMEDIATED.name())) {
                status = FINDINGS;
            }
        }
        return status;
    }
}
