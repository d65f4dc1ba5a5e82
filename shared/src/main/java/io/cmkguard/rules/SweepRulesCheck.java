package io.cmkguard.rules;

import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.OciClients;

import java.util.Optional;

/**
 * The rules check a sweep runs for its compartment (where the Terraform stack and {@code bin/cmk-guard
 * rules apply} create the rules), against the function's own OCID. Never fails a sweep: a rule that cannot
 * be read is a note in the report.
 */
public final class SweepRulesCheck {
    /** The function's own OCID in OCI Functions' configuration (RuntimeContext.getFunctionID()). */
    public static final String FUNCTION_ID_KEY = "FN_FN_ID";

    private final OciClients clients;
    private final Optional<String> functionId;

    public SweepRulesCheck(OciClients clients, Optional<String> functionId) {
        this.clients = clients;
        this.functionId = functionId.filter(id -> id.startsWith("ocid1.fnfunc."));
    }

    public EventRulesStatus check(String compartmentId) {
        if (functionId.isEmpty()) {
            return EventRulesStatus.notChecked("the function's own OCID is unknown (OCI Functions sets "
                    + FUNCTION_ID_KEY + "; a laptop sweep takes --function-id), so the Events rules were not checked");
        }
        try {
            return EventRulesStatus.found(RulesCheck.ofRegistry(clients.events()).check(compartmentId,
                    functionId.get()));
        } catch (OciCallException e) {
            return EventRulesStatus.notChecked("the Events rules of " + compartmentId + " could not be read ("
                    + e.code() + "): grant the function 'read cloudevents-rules' there (bin/cmk-guard policies)");
        }
    }
}
