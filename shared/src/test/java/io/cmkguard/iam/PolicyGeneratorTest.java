package io.cmkguard.iam;

import io.cmkguard.config.Mode;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.resource.type.ResourceTypes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyGeneratorTest {
    private static final String C = "ocid1.compartment.oc1..prod";
    private static final String KEY = "ocid1.key.oc1.iad.v1.k1";

    private static IamPolicy generate(Mode mode, List<ResourceType> types) {
        boolean remediate = mode == Mode.REMEDIATE;
        return PolicyGenerator.generate(new PolicyRequest(C, C, mode, types,
                remediate ? Optional.of(Compartment.of("Security")) : Optional.empty(),
                remediate ? Optional.of(KEY) : Optional.empty(), Optional.empty()));
    }

    private static List<ResourceType> types(String... names) {
        return ResourceTypes.ALL.stream().filter(t -> List.of(names).contains(t.name())).toList();
    }

    @Test
    void auditGrantsOnlyReadsNoWriteNoTopicNoServiceGrant() {
        IamPolicy policy = generate(Mode.AUDIT, ResourceTypes.ALL);
        for (String s : policy.statements()) {
            assertTrue(s.startsWith("Allow dynamic-group cmk-guard-fn to read ")
                    || s.startsWith("Allow dynamic-group cmk-guard-fn to inspect "), s);
        }
        assertTrue(policy.statements().contains("Allow dynamic-group cmk-guard-fn to read volumes in compartment id " + C));
        assertTrue(policy.statements().contains("Allow dynamic-group cmk-guard-fn to read keys in tenancy"));
        assertTrue(policy.statements().contains("Allow dynamic-group cmk-guard-fn to inspect compartments in compartment id " + C));
        assertEquals(1, policy.dynamicGroups().size());
    }

    @Test
    void notifyAddsOnlyPublishingToTheTopic() {
        List<String> audit = generate(Mode.AUDIT, ResourceTypes.ALL).statements();
        List<String> notify = generate(Mode.NOTIFY, ResourceTypes.ALL).statements();
        assertEquals(audit.size() + 1, notify.size());
        assertTrue(notify.contains("Allow dynamic-group cmk-guard-fn to use ons-topics in compartment id " + C));
    }

    @Test
    void remediateOfBlockVolumesAddsTheChangeTheKeyDelegateAndTheBlockStorageServiceGrant() {
        IamPolicy policy = generate(Mode.REMEDIATE, types("block-volume"));
        assertEquals(List.of(
                "Allow dynamic-group cmk-guard-fn to read volumes in compartment id " + C,
                "Allow dynamic-group cmk-guard-fn to inspect volume-groups in compartment id " + C,
                "Allow dynamic-group cmk-guard-fn to read vaults in compartment Security",
                "Allow dynamic-group cmk-guard-fn to read keys in compartment Security",
                "Allow dynamic-group cmk-guard-fn to inspect compartments in compartment id " + C,
                "Allow dynamic-group cmk-guard-fn to read cloudevents-rules in compartment id " + C,
                "Allow dynamic-group cmk-guard-fn to use ons-topics in compartment id " + C,
                "Allow dynamic-group cmk-guard-fn to use volumes in compartment id " + C,
                "Allow dynamic-group cmk-guard-fn to use key-delegate in compartment Security where target.key.id = '" + KEY + "'",
                "Allow service blockstorage to use keys in compartment Security where target.key.id = '" + KEY + "'"),
                policy.statements());
    }

    @Test
    void remediateOfDatabasesAddsTheirDynamicGroupsUsingTheKey() {
        IamPolicy policy = generate(Mode.REMEDIATE, types("autonomous-database", "database"));
        assertTrue(policy.statements().contains(
                "Allow dynamic-group cmk-guard-adb to use keys in compartment Security where target.key.id = '" + KEY + "'"));
        assertTrue(policy.statements().contains("Allow dynamic-group cmk-guard-adb to use vaults in compartment Security"));
        assertTrue(policy.statements().contains("Allow dynamic-group cmk-guard-db to read vaults in compartment Security"));
        assertFalse(policy.statements().stream().anyMatch(s -> s.contains("service blockstorage")));
        assertEquals(List.of("cmk-guard-fn", "cmk-guard-adb", "cmk-guard-db"),
                policy.dynamicGroups().stream().map(IamPolicy.DynamicGroup::name).toList());
        assertEquals("ALL {resource.type = 'autonomousdatabase', resource.compartment.id = '" + C + "'}",
                policy.dynamicGroups().get(1).matchingRule());
    }

    @Test
    void statementsAreNotRepeated() {
        List<String> statements = generate(Mode.REMEDIATE, ResourceTypes.ALL).statements();
        assertEquals(statements.stream().distinct().count(), statements.size());
    }

    @Test
    void remediateWithoutTheKeyIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new PolicyRequest(C, C, Mode.REMEDIATE,
                ResourceTypes.ALL, Optional.empty(), Optional.empty(), Optional.empty()));
        assertTrue(e.getMessage().contains("--key-id and --vault-compartment"));
    }

    @Test
    void everyTypeDeclaresWhatItNeedsToBeRead() {
        for (ResourceType type : ResourceTypes.ALL) {
            assertFalse(type.iam().read().isEmpty(), type.name());
            assertEquals(type.keyChangeableInPlace(), !type.iam().remediate().isEmpty(), type.name());
        }
    }

    @Test
    void vaultKeysAreListedInTheGuardedCompartmentsWithReadsOnly() {
        List<ResourceType> keys = types("vault-key");
        List<String> withVault = PolicyGenerator.generate(new PolicyRequest("ocid1.compartment.oc1..prod",
                "ocid1.compartment.oc1..fn", Mode.REMEDIATE, keys, Optional.of(Compartment.byId("ocid1.compartment.oc1..sec")),
                Optional.of("ocid1.key.oc1.iad.v.k"), Optional.of(Compartment.byId("ocid1.compartment.oc1..prod")))).statements();
        assertTrue(withVault.contains("Allow dynamic-group cmk-guard-fn to read vaults in compartment id"
                + " ocid1.compartment.oc1..prod"), withVault.toString());
        assertTrue(withVault.contains("Allow dynamic-group cmk-guard-fn to read keys in compartment id"
                + " ocid1.compartment.oc1..prod"), withVault.toString());
        assertTrue(withVault.stream().noneMatch(st -> st.contains("manage keys") || st.contains("use keys in")),
                "listing and reading keys is all a rotation check needs: " + withVault);
    }

    @Test
    void postureMetricsAddOneGrantToPostInCmkGuardsNamespaceOnlyAndOnlyWhenOn() {
        for (Mode mode : Mode.values()) {
            boolean remediate = mode == Mode.REMEDIATE;
            PolicyRequest off = new PolicyRequest(C, C, mode, ResourceTypes.ALL,
                    remediate ? Optional.of(Compartment.of("Security")) : Optional.empty(),
                    remediate ? Optional.of(KEY) : Optional.empty(), Optional.empty());
            List<String> without = PolicyGenerator.generate(off).statements();
            assertTrue(without.stream().noneMatch(s -> s.contains("metrics")), without.toString());
            List<String> with = PolicyGenerator.generate(off.withMetrics(Compartment.of("ocid1.compartment.oc1..ops")))
                    .statements();
            List<String> added = with.stream().filter(s -> !without.contains(s)).toList();
            assertEquals(List.of("Allow dynamic-group cmk-guard-fn to use metrics in compartment id"
                    + " ocid1.compartment.oc1..ops where target.metrics.namespace='cmk_guard'"), added, mode.label());
            assertEquals(without.size() + 1, with.size());
        }
    }
}
