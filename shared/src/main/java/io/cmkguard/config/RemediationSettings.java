package io.cmkguard.config;

import java.util.Map;
import java.util.Optional;

/**
 * What remediation reads of the configuration: which key goes where, how often a refused write is sent
 * again, and whether a bucket's older objects are re-encrypted after its key change.
 */
public record RemediationSettings(Optional<String> keyId, Map<String, String> keyByCompartment, int retryAttempts,
                                  boolean reencryptBuckets) {

    public RemediationSettings {
        keyByCompartment = Map.copyOf(keyByCompartment);
    }

    /** The key remediation assigns to a resource in this compartment, if any. */
    public Optional<String> keyFor(String compartmentId) {
        String mapped = keyByCompartment.get(compartmentId);
        return mapped != null ? Optional.of(mapped) : keyId;
    }
}
