package io.cmkguard.policy;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What OCI Vault says about one key's rotation, as far as cmk-guard could read it.
 *
 * @param keyCreated             when the key was created: its first version cannot be older
 * @param currentVersionCreated  when its current key version was created; empty when no version could be read
 * @param autoRotationEnabled    the key's isAutoRotationEnabled
 * @param intervalDays           autoKeyRotationDetails.rotationIntervalInDays, when reported
 * @param vaultOffersAutoRotation whether the key's vault can rotate it on a schedule (a virtual private vault)
 */
public record KeyRotation(String keyId, Optional<Instant> keyCreated, Optional<Instant> currentVersionCreated,
                          boolean autoRotationEnabled, OptionalInt intervalDays, boolean vaultOffersAutoRotation) {
}
