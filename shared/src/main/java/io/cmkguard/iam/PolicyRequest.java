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
 */
public record PolicyRequest(String guarded, String functionCompartment, Mode mode, List<ResourceType> types,
                            Optional<Compartment> vault, Optional<String> keyId, Optional<Compartment> topic,
                            Optional<Compartment> metrics) {

    /** Without posture metrics. */
    public PolicyRequest(String guarded, String functionCompartment, Mode mode, List<ResourceType> types,
                         Optional<Compartment> vault, Optional<String> keyId, Optional<Compartment> topic) {
        this(guarded, functionCompartment, mode, types, vault, keyId, topic, Optional.empty());
    }

    /** The same request, posting posture metrics to that compartment. */
    public PolicyRequest withMetrics(Compartment compartment) {
        return new PolicyRequest(guarded, functionCompartment, mode, types, vault, keyId, topic,
                Optional.of(compartment));
    }

    public PolicyRequest {
        types = List.copyOf(types);
        if (mode == Mode.REMEDIATE && (vault.isEmpty() || keyId.isEmpty())) {
            throw new IllegalArgumentException("remediate mode needs the remediation key and its vault's compartment"
                    + " (--key-id and --vault-compartment): the grants to use the key are scoped to them");
        }
    }
}
