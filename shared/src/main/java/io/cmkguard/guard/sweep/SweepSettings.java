package io.cmkguard.guard.sweep;

import io.cmkguard.config.ContinuationSecret;
import io.cmkguard.config.Mode;
import io.cmkguard.config.Modes;
import io.cmkguard.config.RemediationSettings;
import io.cmkguard.config.SweepLimits;

import java.util.Map;
import java.util.Optional;

/** What a sweep reads of the configuration: modes, the remediation keys, its limits and its token key. */
public record SweepSettings(Modes modes, RemediationSettings remediation, SweepLimits sweep,
                            ContinuationSecret continuationSecret) {

    Mode mode() {
        return modes.mode();
    }

    Mode modeFor(String resourceType) {
        return modes.modeFor(resourceType);
    }

    Optional<String> remediationKeyId() {
        return remediation.keyId();
    }

    Map<String, String> remediationKeyByCompartment() {
        return remediation.keyByCompartment();
    }
}
