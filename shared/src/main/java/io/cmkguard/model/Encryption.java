package io.cmkguard.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a resource's data at rest is encrypted, as its service reports it.
 *
 * @param kind      Oracle-managed, an OCI Vault key, or a key held outside OCI Vault
 * @param keyId     the Vault key OCID (OCI_VAULT), else empty
 * @param vaultId   the vault OCID when the service reports it (databases), else empty
 * @param provider  the external provider (AWS, AZURE, GCP, OKV, ...) for EXTERNAL, else empty
 * @param details   provider-specific reference fields (e.g. keyArn) for EXTERNAL
 */
public record Encryption(Kind kind, String keyId, String vaultId, String provider, Map<String, String> details) {

    public enum Kind { ORACLE_MANAGED, OCI_VAULT, EXTERNAL }

    public static Encryption oracleManaged() {
        return new Encryption(Kind.ORACLE_MANAGED, "", "", "", Map.of());
    }

    /**
     * A database whose TDE master key sits only in its own file-based wallet: not customer-managed
     * in the CMK sense (no Vault, OKV or external KMS holds it), and judged like the Oracle-managed key.
     */
    public static Encryption walletOnly() {
        return new Encryption(Kind.ORACLE_MANAGED, "", "", "WALLET", Map.of());
    }

    public static Encryption vaultKey(String keyId, String vaultId) {
        return new Encryption(Kind.OCI_VAULT, keyId, vaultId == null ? "" : vaultId, "", Map.of());
    }

    public static Encryption external(String provider, Map<String, String> details) {
        // insertion order kept: the first detail (e.g. keyArn) is the one describe() and results show
        return new Encryption(Kind.EXTERNAL, "", "", provider, Collections.unmodifiableMap(new LinkedHashMap<>(details)));
    }

    /** What Autonomous Databases report as kmsKeyId when Oracle manages the key: not a CMK. */
    public static final String ORACLE_MANAGED_KEY = "ORACLE_MANAGED_KEY";

    /**
     * A resource that reports only a key id: none (null or blank), or Autonomous Database's
     * {@code ORACLE_MANAGED_KEY} placeholder, means the Oracle-managed key.
     */
    public static Encryption ofKmsKeyId(String kmsKeyId) {
        return ofKmsKeyId(kmsKeyId, "");
    }

    public static Encryption ofKmsKeyId(String kmsKeyId, String vaultId) {
        return kmsKeyId == null || kmsKeyId.isBlank() || ORACLE_MANAGED_KEY.equals(kmsKeyId.trim())
                ? oracleManaged() : vaultKey(kmsKeyId.trim(), vaultId);
    }

    public boolean isCustomerManaged() {
        return kind != Kind.ORACLE_MANAGED;
    }

    /** A short human description: "the Oracle-managed key", "Vault key ocid1.key...", "AWS KMS key arn:...". */
    public String describe() {
        return switch (kind) {
            case ORACLE_MANAGED -> "WALLET".equals(provider)
                    ? "a TDE master key kept only in the database's own wallet" : "the Oracle-managed key";
            case OCI_VAULT -> "Vault key " + keyId;
            case EXTERNAL -> provider + " key" + (details.isEmpty() ? "" : " " + details.values().iterator().next());
        };
    }
}
