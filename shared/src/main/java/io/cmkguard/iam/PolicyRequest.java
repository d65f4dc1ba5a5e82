package io.cmkguard.iam;

import io.cmkguard.config.Mode;
import io.cmkguard.resource.ResourceType;

import java.util.List;
import java.util.Optional;

/**
 * What to generate IAM for.
 *
 * @param guarded             the OCID of the compartment whose resources are checked (its children included)
 * @param functionCompartment the OCID of the compartment holding the function (its dynamic group's matching rule)
 * @param vault               the compartment of the remediation key's vault; required in remediate mode
 * @param keyId               the remediation key; required in remediate mode
 * @param topic               the compartment of the ONS topic; defaults to the guarded one
 * @param metrics             the compartment posture metrics are posted to (CMK_GUARD_METRICS_COMPARTMENT); empty
 *                            when metrics are off, and then nothing is granted for them
 * @param sweeps              what sweeps that continue themselves and keep their report need
 */
public record PolicyRequest(String guarded, String functionCompartment, Mode mode, List<ResourceType> types,
                            Optional<Compartment> vault, Optional<String> keyId, Optional<Compartment> topic,
                            Optional<Compartment> metrics, SweepChainGrants sweeps) {

    /** Without posture metrics; sweeps continue themselves and keep no report (the function's defaults). */
    public PolicyRequest(String guarded, String functionCompartment, Mode mode, List<ResourceType> types,
                         Optional<Compartment> vault, Optional<String> keyId, Optional<Compartment> topic) {
        this(guarded, functionCompartment, mode, types, vault, keyId, topic, Optional.empty());
    }

    /** Sweeps as the function's defaults have them. */
    public PolicyRequest(String guarded, String functionCompartment, Mode mode, List<ResourceType> types,
                         Optional<Compartment> vault, Optional<String> keyId, Optional<Compartment> topic,
                         Optional<Compartment> metrics) {
        this(guarded, functionCompartment, mode, types, vault, keyId, topic, metrics, SweepChainGrants.DEFAULT);
    }

    /** The same request, posting posture metrics to that compartment. */
    public PolicyRequest withMetrics(Compartment compartment) {
        return new PolicyRequest(guarded, functionCompartment, mode, types, vault, keyId, topic,
                Optional.of(compartment), sweeps);
    }

    /** The same request, with these grants for sweeps. */
    public PolicyRequest withSweeps(SweepChainGrants grants) {
        return new PolicyRequest(guarded, functionCompartment, mode, types, vault, keyId, topic, metrics, grants);
    }

    public PolicyRequest {
        types = List.copyOf(types);
        if (mode == Mode.REMEDIATE && (vault.isEmpty() || keyId.isEmpty())) {
            throw new IllegalArgumentException("remediate mode needs the remediation key and its vault's compartment"
                    + " (--key-id and --vault-compartment): the grants to use the key are scoped to them");
        }
    }
}
