package io.cmkguard.policy;

import io.cmkguard.model.Encryption;
import io.cmkguard.model.KeyFacts;
import io.cmkguard.model.Replica;
import io.cmkguard.model.Resource;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.cmkguard.policy.CmkPolicyTest.HSM_KEY;
import static io.cmkguard.policy.CmkPolicyTest.NOW;
import static io.cmkguard.policy.CmkPolicyTest.key;
import static io.cmkguard.policy.CmkPolicyTest.policy;
import static io.cmkguard.policy.CmkPolicyTest.volume;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cross-region replica's key is judged with every key rule, against the replica's own region. */
class ReplicaKeyRulesTest {
    private static final String PHX_KEY = "ocid1.key.oc1.phx.vault2.k";
    private static final String FIX = "oci bv volume update --volume-id v --block-volume-replicas '[...]' --force";

    private static Resource withReplicaOn(String keyId) {
        Replica replica = new Replica("ocid1.blockvolumereplica.oc1.phx.r", "to-phx", "Uocm:PHX-AD-1",
                Encryption.ofKmsKeyId(keyId), FIX);
        return volume(Encryption.ofKmsKeyId(HSM_KEY), "AVAILABLE", Map.of(), List.of(replica), Optional.empty());
    }

    private static Verdict judge(CmkPolicy policy, Resource r, KeyFacts... facts) {
        Map<String, KeyFacts> keys = new HashMap<>();
        for (KeyFacts f : facts) {
            keys.put(f.keyId(), f);
        }
        return policy.evaluate(r, keys, Optional.empty(), false, NOW);
    }

    @Test
    void theReplicasKeyIsLookedUpWhenItIsInTheReplicasRegion() {
        assertEquals(List.of(HSM_KEY, PHX_KEY), CmkPolicy.keysToLookUp(withReplicaOn(PHX_KEY)));
        assertEquals(List.of(HSM_KEY), CmkPolicy.keysToLookUp(withReplicaOn(HSM_KEY)),
                "an iad key cannot encrypt a phx replica: nothing to read, the region rule answers");
    }

    @Test
    void anEnabledKeyInTheReplicasRegionIsCompliant() {
        Verdict v = judge(policy(Map.of()), withReplicaOn(PHX_KEY), key(HSM_KEY, "ENABLED", "HSM"),
                key(PHX_KEY, "ENABLED", "HSM"));
        assertEquals(Status.COMPLIANT, v.status(), v.reasons().toString());
    }

    @Test
    void aKeyInThePrimarysRegionIsTheWrongRegionForTheReplica() {
        Verdict v = judge(policy(Map.of()), withReplicaOn(HSM_KEY), key(HSM_KEY, "ENABLED", "HSM"));
        assertEquals(Status.NON_COMPLIANT, v.status());
        assertTrue(v.reasons().get(0).contains("its replica to-phx (ocid1.blockvolumereplica.oc1.phx.r) in"
                + " Uocm:PHX-AD-1: the replica's key " + HSM_KEY + " is in region us-ashburn-1 but the replica is in"
                + " us-phoenix-1"), v.reasons().get(0));
        assertFalse(v.ownKeyFails(), "the volume's own key is fine: the replica is at fault");
        assertTrue(v.blocker().orElseThrow().endsWith(FIX));
    }

    @Test
    void aDisabledReplicaKeyIsReportedWithItsOwnAdviceAndTheReplicaFix() {
        Verdict v = judge(policy(Map.of()), withReplicaOn(PHX_KEY), key(HSM_KEY, "ENABLED", "HSM"),
                key(PHX_KEY, "DISABLED", "HSM"));
        assertEquals(Status.NON_COMPLIANT, v.status());
        assertTrue(v.reasons().get(0).contains("the replica's key " + PHX_KEY + " is DISABLED"), v.reasons().get(0));
        assertTrue(v.blocker().orElseThrow().startsWith("a disabled key may be a deliberate lock-out"));
        assertTrue(v.blocker().orElseThrow().endsWith(FIX));
    }

    @Test
    void aReplicaKeyOutsideTheAllowedVaultsOrWithoutHsmFails() {
        CmkPolicy strict = policy(Map.of("CMK_GUARD_ALLOWED_VAULT_IDS", "ocid1.vault.oc1.iad.vault1.v",
                "CMK_GUARD_REQUIRE_HSM", "true"));
        KeyFacts phx = new KeyFacts(PHX_KEY, true, "k", "ENABLED", "SOFTWARE", "ocid1.vault.oc1.phx.vault2.v",
                Optional.of("ACTIVE"), Optional.empty());
        Verdict v = judge(strict, withReplicaOn(PHX_KEY), key(HSM_KEY, "ENABLED", "HSM"), phx);
        assertEquals(Status.NON_COMPLIANT, v.status());
        assertEquals(2, v.reasons().size(), v.reasons().toString());
        assertTrue(v.reasons().get(0).contains("not one of the allowed vaults"), v.reasons().get(0));
        assertTrue(v.reasons().get(1).contains("HSM protection is required"), v.reasons().get(1));
        assertFalse(v.remediable(), "a replica is never re-keyed in place");
    }

    @Test
    void anUnreadableReplicaKeyIsNotTakenForCompliant() {
        Verdict v = judge(policy(Map.of()), withReplicaOn(PHX_KEY), key(HSM_KEY, "ENABLED", "HSM"));
        assertEquals(Status.NON_COMPLIANT, v.status());
        assertTrue(v.reasons().get(0).contains("was not found, or the function may not read it"));
    }
}
