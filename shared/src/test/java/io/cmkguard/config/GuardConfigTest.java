package io.cmkguard.config;

import io.cmkguard.resource.type.ResourceTypes;
import io.cmkguard.util.ConfigException;
import io.cmkguard.oci.AuthMode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuardConfigTest {
    static final String TOPIC = "ocid1.onstopic.oc1.iad.findings";
    static final String KEY = "ocid1.key.oc1.iad.emuvault1.keyhsm";

    @Test
    void defaultsAreNotifyWithSaneValues() {
        GuardConfig c = GuardConfig.fromEnv(Map.of(GuardConfig.TOPIC_ID, TOPIC), ResourceTypes.checkedNames());
        assertEquals(Mode.NOTIFY, c.mode());
        assertEquals(Mode.NOTIFY, c.modeFor("block-volume"));
        assertEquals("cmk-guard-exempt", c.exemptTag());
        assertEquals(Duration.ofMinutes(5), c.keyCacheTtl());
        assertEquals(3, c.retryAttempts());
        assertEquals(AuthMode.CONFIG_FILE, c.auth());
        assertFalse(c.requireHsm());
        assertTrue(c.endpoint().isEmpty());
    }

    @Test
    void auditNeedsNeitherTopicNorKey() {
        GuardConfig c = GuardConfig.fromEnv(Map.of(GuardConfig.MODE, "audit"), ResourceTypes.checkedNames());
        assertEquals(Mode.AUDIT, c.mode());
    }

    @Test
    void perTypeModeOverridesTheDefault() {
        GuardConfig c = GuardConfig.fromEnv(Map.of(GuardConfig.TOPIC_ID, TOPIC, GuardConfig.KMS_KEY_ID, KEY,
                "CMK_GUARD_MODE_BOOT_VOLUME", "remediate", GuardConfig.MODE, "notify"), ResourceTypes.checkedNames());
        assertEquals(Mode.REMEDIATE, c.modeFor("boot-volume"));
        assertEquals(Mode.NOTIFY, c.modeFor("block-volume"));
    }

    @Test
    void modeKeysExistOnlyForTypesEventsLeadTo() {
        assertTrue(GuardConfig.modeKeys(ResourceTypes.checkedNames()).contains("CMK_GUARD_MODE_AUTONOMOUS_DATABASE"));
        ConfigException e = assertThrows(ConfigException.class, () -> GuardConfig.fromEnv(Map.of(
                GuardConfig.TOPIC_ID, TOPIC, "CMK_GUARD_MODE_BLOCK_VOLUME_REPLICA", "audit"), ResourceTypes.checkedNames()));
        assertTrue(e.getMessage().contains("unknown key CMK_GUARD_MODE_BLOCK_VOLUME_REPLICA"), e.getMessage());
    }

    @Test
    void compartmentKeyMappingWinsOverTheDefaultKey() {
        GuardConfig c = GuardConfig.fromEnv(Map.of(GuardConfig.TOPIC_ID, TOPIC, GuardConfig.MODE, "remediate",
                GuardConfig.KMS_KEY_ID, KEY,
                GuardConfig.KMS_KEY_BY_COMPARTMENT, "ocid1.compartment.oc1..dev=ocid1.key.oc1.iad.emuvault1.keysoftware"), ResourceTypes.checkedNames());
        assertEquals("ocid1.key.oc1.iad.emuvault1.keysoftware", c.remediationKeyFor("ocid1.compartment.oc1..dev").orElseThrow());
        assertEquals(KEY, c.remediationKeyFor("ocid1.compartment.oc1..prod").orElseThrow());
    }

    @Test
    void everyProblemIsReportedTogether() {
        ConfigException e = assertThrows(ConfigException.class, () -> GuardConfig.fromEnv(Map.of(
                GuardConfig.MODE, "fix",
                GuardConfig.KMS_KEY_ID, "not-an-ocid",
                GuardConfig.REQUIRE_HSM, "maybe",
                GuardConfig.RETRY_ATTEMPTS, "99",
                GuardConfig.OCI_ENDPOINT, "ftp://x",
                "CMK_GUARD_MODEE", "notify"), ResourceTypes.checkedNames()));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("CMK_GUARD_MODE='fix' is not a mode"), all);
        assertTrue(all.contains("CMK_GUARD_KMS_KEY_ID='not-an-ocid'"), all);
        assertTrue(all.contains("CMK_GUARD_REQUIRE_HSM='maybe'"), all);
        assertTrue(all.contains("CMK_GUARD_RETRY_ATTEMPTS=99 is out of range"), all);
        assertTrue(all.contains("CMK_GUARD_OCI_ENDPOINT='ftp://x'"), all);
        assertTrue(all.contains("unknown key CMK_GUARD_MODEE (did you mean CMK_GUARD_MODE?)"), all);
        assertTrue(all.contains("CMK_GUARD_TOPIC_ID is required"), all);
        assertEquals(7, e.problems().size(), all);
    }

    @Test
    void remediateWithoutAKeyIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> GuardConfig.fromEnv(Map.of(
                GuardConfig.MODE, "remediate", GuardConfig.TOPIC_ID, TOPIC), ResourceTypes.checkedNames()));
        assertTrue(e.getMessage().contains(GuardConfig.KMS_KEY_ID + " is required"), e.getMessage());
    }

    @Test
    void resourcePrincipalIsChosenWhenFunctionsProvidesIt() {
        GuardConfig c = GuardConfig.fromEnv(Map.of(GuardConfig.TOPIC_ID, TOPIC,
                GuardConfig.RP_VERSION, "2.2", GuardConfig.RP_REGION, "us-ashburn-1"), ResourceTypes.checkedNames());
        assertEquals(AuthMode.RESOURCE_PRINCIPAL, c.auth());
        assertEquals("us-ashburn-1", c.region().orElseThrow());
    }

    @Test
    void badCompartmentMappingIsExplained() {
        ConfigException e = assertThrows(ConfigException.class, () -> GuardConfig.fromEnv(Map.of(
                GuardConfig.TOPIC_ID, TOPIC, GuardConfig.KMS_KEY_BY_COMPARTMENT, "prod:key"), ResourceTypes.checkedNames()));
        assertTrue(e.getMessage().contains("must be compartmentOcid=keyOcid"), e.getMessage());
    }

    @Test
    void valuesNeverAppearInUnknownKeyMessagesForSecrets() {
        // unrelated environment (like the resource-principal token) is ignored, not echoed
        GuardConfig c = GuardConfig.fromEnv(Map.of(GuardConfig.TOPIC_ID, TOPIC,
                "OCI_RESOURCE_PRINCIPAL_RPST", "secret-token"), ResourceTypes.checkedNames());
        assertEquals(TOPIC, c.topicId().orElseThrow());
    }

    @Test
    void metricsAreOffUnlessACompartmentIsNamedAndABadOneIsExplained() {
        assertTrue(GuardConfig.fromEnv(Map.of(GuardConfig.TOPIC_ID, TOPIC), ResourceTypes.checkedNames())
                .metricsCompartmentId().isEmpty());
        assertEquals("ocid1.compartment.oc1..ops", GuardConfig.fromEnv(Map.of(GuardConfig.TOPIC_ID, TOPIC,
                GuardConfig.METRICS_COMPARTMENT, " ocid1.compartment.oc1..ops "), ResourceTypes.checkedNames())
                .metricsCompartmentId().orElseThrow());
        assertEquals("ocid1.tenancy.oc1..t", GuardConfig.fromEnv(Map.of(GuardConfig.TOPIC_ID, TOPIC,
                GuardConfig.METRICS_COMPARTMENT, "ocid1.tenancy.oc1..t"), ResourceTypes.checkedNames())
                .metricsCompartmentId().orElseThrow());
        ConfigException e = assertThrows(ConfigException.class, () -> GuardConfig.fromEnv(Map.of(GuardConfig.TOPIC_ID,
                TOPIC, GuardConfig.METRICS_COMPARTMENT, "cmk_guard"), ResourceTypes.checkedNames()));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("CMK_GUARD_METRICS_COMPARTMENT='cmk_guard' is not a compartment or tenancy"
                + " OCID"), e.getMessage());
    }
}
