package io.cmkguard.model;

import io.cmkguard.util.Echo;

import java.util.Optional;

/**
 * What OCI Vault says about one key, as far as cmk-guard could read it.
 *
 * @param found            false when the key does not exist or the function may not read it
 *                         (OCI answers both with 404 NotAuthorizedOrNotFound)
 * @param timeOfDeletion   ISO instant, for keys pending deletion
 * @param vaultState       the vault's lifecycle state, empty if the vault could not be read
 */
public record KeyFacts(
        String keyId,
        boolean found,
        String displayName,
        String lifecycleState,
        String protectionMode,
        String vaultId,
        Optional<String> vaultState,
        Optional<String> timeOfDeletion) {

    public KeyFacts {
        displayName = Echo.bounded(displayName); // a key's name is only ever shown
    }

    public static KeyFacts notFound(String keyId) {
        return new KeyFacts(keyId, false, "", "", "", "", Optional.empty(), Optional.empty());
    }

    public boolean isEnabled() {
        return "ENABLED".equals(lifecycleState);
    }
}
