package io.cmkguard.policy;

import java.util.Set;

/**
 * What the policy reads of the configuration: the stricter key rules and the exemption tag. The config key
 * names are here because the policy's reasons name them.
 */
public record PolicySettings(Set<String> allowedKeyIds, Set<String> allowedVaultIds, boolean requireHsm,
                             String exemptTag, Set<String> externalKeyProviders) {

    public static final String ALLOWED_KEY_IDS = "CMK_GUARD_ALLOWED_KEY_IDS";
    public static final String ALLOWED_VAULT_IDS = "CMK_GUARD_ALLOWED_VAULT_IDS";
    public static final String REQUIRE_HSM = "CMK_GUARD_REQUIRE_HSM";
    public static final String EXTERNAL_KEY_PROVIDERS = "CMK_GUARD_EXTERNAL_KEY_PROVIDERS";

    public PolicySettings {
        allowedKeyIds = Set.copyOf(allowedKeyIds);
        allowedVaultIds = Set.copyOf(allowedVaultIds);
        externalKeyProviders = Set.copyOf(externalKeyProviders);
    }
}
