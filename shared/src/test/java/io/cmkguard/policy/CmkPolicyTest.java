package io.cmkguard.policy;

import io.cmkguard.resource.type.ResourceTypes;
import io.cmkguard.model.KeyFacts;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.model.Encryption;
import io.cmkguard.model.Lineage;
import io.cmkguard.model.Replica;
import io.cmkguard.model.Resource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CmkPolicyTest {
    static final String HSM_KEY = "ocid1.key.oc1.iad.vault1.hsm";
    static final String SOFT_KEY = "ocid1.key.oc1.iad.vault1.soft";
    static final String VAULT = "ocid1.vault.oc1.iad.vault1.v";
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private final CmkPolicy policy = policy(Map.of());

    static CmkPolicy policy(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(GuardConfig.MODE, "audit"));
        env.putAll(extra);
        return new CmkPolicy(GuardConfig.fromEnv(env, ResourceTypes.checkedNames()).policy());
    }

    static Resource volume(Encryption e) {
        return volume(e, "AVAILABLE", Map.of(), List.of(), Optional.empty());
    }

    static Resource volume(Encryption e, String state, Map<String, String> tags, List<Replica> replicas,
                           Optional<Lineage> lineage) {
        return new Resource("block-volume", "ocid1.volume.oc1.iad.v", "v", "ocid1.compartment.oc1..prod",
                "us-ashburn-1", state, e, replicas, lineage, tags, "etag-1");
    }

    static KeyFacts key(String id, String state, String protection) {
        return new KeyFacts(id, true, "k", state, protection, VAULT, Optional.of("ACTIVE"), Optional.empty());
    }

    Verdict judge(Resource r, KeyFacts... facts) {
        Map<String, KeyFacts> keys = new HashMap<>();
        for (KeyFacts f : facts) {
            keys.put(f.keyId(), f);
        }
        return policy.evaluate(r, keys, Optional.empty(), false, NOW);
    }

    @Test
    void enabledVaultKeyInRegionIsCompliant() {
        Verdict v = judge(volume(Encryption.ofKmsKeyId(HSM_KEY)), key(HSM_KEY, "ENABLED", "HSM"));
        assertEquals(Status.COMPLIANT, v.status());
        assertTrue(v.reasons().get(0).contains(HSM_KEY));
    }

    @Test
    void oracleManagedIsNonCompliantAndFixableInPlace() {
        Verdict v = judge(volume(Encryption.oracleManaged()));
        assertEquals(Status.NON_COMPLIANT, v.status());
        assertTrue(v.remediable());
        assertTrue(v.reasons().get(0).contains("Oracle-managed"));
    }

    @Test
    void disabledKeyIsReportedButNeverReKeyed() {
        Verdict v = judge(volume(Encryption.ofKmsKeyId(HSM_KEY)), key(HSM_KEY, "DISABLED", "HSM"));
        assertEquals(Status.NON_COMPLIANT, v.status());
        assertFalse(v.remediable());
        assertTrue(v.reasons().get(0).contains("DISABLED"));
        assertTrue(v.blocker().orElseThrow().contains("lock-out"));
    }

    @Test
    void keyPendingDeletionSaysWhenAndIsNotReKeyed() {
        KeyFacts pending = new KeyFacts(HSM_KEY, true, "k", "PENDING_DELETION", "HSM", VAULT,
                Optional.of("ACTIVE"), Optional.of("2026-12-24T00:00:00Z"));
        Verdict v = judge(volume(Encryption.ofKmsKeyId(HSM_KEY)), pending);
        assertFalse(v.remediable());
        assertTrue(v.reasons().get(0).contains("2026-12-24"), v.reasons().toString());
    }

    @Test
    void keyInAnotherRegionIsNonCompliantWithoutALookup() {
        String phx = "ocid1.key.oc1.phx.vault2.k";
        Resource r = volume(Encryption.ofKmsKeyId(phx));
        assertTrue(CmkPolicy.keysToLookUp(r).isEmpty());
        Verdict v = judge(r);
        assertEquals(Status.NON_COMPLIANT, v.status());
        assertFalse(v.remediable());
        assertTrue(v.reasons().get(0).contains("us-phoenix-1"), v.reasons().toString());
    }

    @Test
    void unreadableKeyIsUncertainSoNotRemediable() {
        Verdict v = judge(volume(Encryption.ofKmsKeyId(HSM_KEY)), KeyFacts.notFound(HSM_KEY));
        assertFalse(v.remediable());
        assertTrue(v.reasons().get(0).contains("read keys"));
    }

    @Test
    void vaultPendingDeletionIsNonCompliant() {
        KeyFacts facts = new KeyFacts(HSM_KEY, true, "k", "ENABLED", "HSM", VAULT,
                Optional.of("PENDING_DELETION"), Optional.empty());
        Verdict v = judge(volume(Encryption.ofKmsKeyId(HSM_KEY)), facts);
        assertEquals(Status.NON_COMPLIANT, v.status());
        assertFalse(v.remediable());
    }

    @Test
    void hsmRequirementAndAllowListsAreFixableByReKeying() {
        CmkPolicy strict = policy(Map.of(GuardConfig.REQUIRE_HSM, "true",
                GuardConfig.ALLOWED_KEY_IDS, HSM_KEY, GuardConfig.ALLOWED_VAULT_IDS, "ocid1.vault.oc1.iad.other.v"));
        Verdict v = strict.evaluate(volume(Encryption.ofKmsKeyId(SOFT_KEY)),
                Map.of(SOFT_KEY, key(SOFT_KEY, "ENABLED", "SOFTWARE")), Optional.empty(), false, NOW);
        assertEquals(Status.NON_COMPLIANT, v.status());
        assertTrue(v.remediable());
        assertEquals(3, v.reasons().size(), v.reasons().toString());
        assertTrue(String.join(" ", v.reasons()).contains("HSM protection is required"));
    }

    @Test
    void softwareKeyIsFineUnlessHsmIsRequired() {
        Verdict v = judge(volume(Encryption.ofKmsKeyId(SOFT_KEY)), key(SOFT_KEY, "ENABLED", "SOFTWARE"));
        assertEquals(Status.COMPLIANT, v.status());
    }

    @Test
    void replicaOnOracleKeyIsNotifyOnly() {
        Replica replica = new Replica("ocid1.blockvolumereplica.oc1.phx.r", "r", "Uocm:PHX-AD-1",
                Encryption.oracleManaged(), "oci bv volume update --volume-id v --block-volume-replicas '[...]'");
        Verdict v = judge(volume(Encryption.ofKmsKeyId(HSM_KEY), "AVAILABLE", Map.of(), List.of(replica),
                Optional.empty()), key(HSM_KEY, "ENABLED", "HSM"));
        assertEquals(Status.NON_COMPLIANT, v.status());
        assertFalse(v.remediable());
        assertTrue(v.blocker().orElseThrow().contains("xrrKmsKeyId"));
        assertTrue(v.blocker().orElseThrow().endsWith("oci bv volume update --volume-id v --block-volume-replicas '[...]'"));
    }

    @Test
    void cloneOfACmkVolumeOnTheOracleKeyIsADowngrade() {
        Resource source = volume(Encryption.ofKmsKeyId(HSM_KEY));
        Resource clone = volume(Encryption.oracleManaged(), "AVAILABLE", Map.of(), List.of(),
                Optional.of(new Lineage("cloned from", source.id())));
        Verdict v = policy.evaluate(clone, Map.of(), Optional.of(source), false, NOW);
        assertTrue(v.downgrade());
        assertTrue(v.reasons().get(0).startsWith("CMK downgrade: it was cloned from block volume"), v.reasons().get(0));
        assertTrue(v.remediable());
    }

    @Test
    void unreadableSourceIsNamedButNoDowngradeClaimed() {
        Resource clone = volume(Encryption.oracleManaged(), "AVAILABLE", Map.of(), List.of(),
                Optional.of(new Lineage("restored from", "ocid1.volumebackup.oc1.iad.gone")));
        Verdict v = policy.evaluate(clone, Map.of(), Optional.empty(), false, NOW);
        assertFalse(v.downgrade());
        assertTrue(v.reasons().get(0).contains("could not be read"));
    }

    @Test
    void notAvailableBlocksRemediation() {
        Verdict v = judge(volume(Encryption.oracleManaged(), "PROVISIONING", Map.of(), List.of(), Optional.empty()));
        assertFalse(v.remediable());
        assertTrue(v.blocker().orElseThrow().contains("PROVISIONING"));
    }

    @Test
    void exemptionTagTrueOrFutureDateExempts() {
        assertEquals(Status.EXEMPT, judge(volume(Encryption.oracleManaged(), "AVAILABLE",
                Map.of("cmk-guard-exempt", "true"), List.of(), Optional.empty())).status());
        assertEquals(Status.EXEMPT, judge(volume(Encryption.oracleManaged(), "AVAILABLE",
                Map.of("cmk-guard-exempt", "2026-11-24"), List.of(), Optional.empty())).status());
    }

    @Test
    void expiredOrGarbledExemptionIsNotedAndIgnored() {
        Verdict expired = judge(volume(Encryption.oracleManaged(), "AVAILABLE",
                Map.of("cmk-guard-exempt", "2020-01-01"), List.of(), Optional.empty()));
        assertEquals(Status.NON_COMPLIANT, expired.status());
        assertTrue(String.join(" ", expired.reasons()).contains("expired on 2020-01-01"));
        Verdict garbled = judge(volume(Encryption.oracleManaged(), "AVAILABLE",
                Map.of("cmk-guard-exempt", "soon"), List.of(), Optional.empty()));
        assertTrue(String.join(" ", garbled.reasons()).contains("neither true nor a date"));
    }

    @Test
    void keyRemovalIsFlaggedEvenWhileTheKeyStillShows() {
        Verdict v = policy.evaluate(volume(Encryption.ofKmsKeyId(HSM_KEY)),
                Map.of(HSM_KEY, key(HSM_KEY, "ENABLED", "HSM")), Optional.empty(), true, NOW);
        assertEquals(Status.NON_COMPLIANT, v.status());
        assertFalse(v.remediable());
        assertTrue(v.reasons().get(0).contains("removed"));
    }

    static Encryption aws(String arn, String endpoint) {
        return Encryption.external("AWS", Map.of("keyArn", arn, "serviceEndpointUri", endpoint));
    }

    @Test
    void awsKmsKeyWithMatchingEndpointIsCompliant() {
        Verdict v = judge(volume(aws("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "https://kms.us-east-1.amazonaws.com")));
        assertEquals(Status.COMPLIANT, v.status(), v.reasons().toString());
    }

    @Test
    void malformedOrMisplacedAwsKeyIsFlaggedNeverMoved() {
        Verdict bad = judge(volume(aws("arn:aws:kms:us-east-1:12345:key/x", "")));
        assertEquals(Status.NON_COMPLIANT, bad.status());
        assertFalse(bad.remediable());
        assertTrue(bad.reasons().get(0).contains("not well formed"));
        Verdict elsewhere = judge(volume(aws("arn:aws:kms:us-east-1:123456789012:key/abc",
                "https://kms.eu-west-1.amazonaws.com")));
        assertTrue(elsewhere.reasons().get(0).contains("eu-west-1"), elsewhere.reasons().toString());
    }

    @Test
    void externalProvidersCanBeRestricted() {
        CmkPolicy ociOnly = policy(Map.of(GuardConfig.EXTERNAL_KEY_PROVIDERS, "okv"));
        Verdict v = ociOnly.evaluate(volume(aws("arn:aws:kms:us-east-1:123456789012:key/abc", "")), Map.of(),
                Optional.empty(), false, NOW);
        assertEquals(Status.NON_COMPLIANT, v.status());
        assertTrue(v.reasons().get(0).contains("does not accept AWS"));
        assertEquals(Status.COMPLIANT, ociOnly.evaluate(volume(Encryption.external("OKV", Map.of("keyStoreId", "ks"))),
                Map.of(), Optional.empty(), false, NOW).status());
    }

    @Test
    void oracleManagedKeyPlaceholderIsNotACmk() {
        assertFalse(Encryption.ofKmsKeyId("ORACLE_MANAGED_KEY").isCustomerManaged());
        assertEquals(Status.NON_COMPLIANT, judge(volume(Encryption.ofKmsKeyId("ORACLE_MANAGED_KEY"))).status());
    }
}
