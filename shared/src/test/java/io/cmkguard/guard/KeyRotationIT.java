package io.cmkguard.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.Fault;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static io.cmkguard.guard.EmulatedTenancy.KEY_HSM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, part 4: a sweep judges the Vault keys in scope (rotation, and unusable keys still in use) and the
 * key of every cross-region replica, through the real SDK clients against the emulator. Judged on a fixed day.
 */
class KeyRotationIT {
    private static final Clock DAY = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
    private static final String SECURITY = "ocid1.compartment.oc1..security";
    private static final String STALE = "ocid1.key.oc1.iad.emuvault1.keystale";
    private static final String ROTATED = "ocid1.key.oc1.iad.emuvault4.keyrotated";
    private static final String AUTO = "ocid1.key.oc1.iad.emuvault4.keyauto";
    private static final String DISABLED = "ocid1.key.oc1.iad.emuvault1.keydisabled";
    private static final String PENDING = "ocid1.key.oc1.iad.emuvault1.keypending";
    private static final String PHX_KEY = "ocid1.key.oc1.phx.emuvault2.keyphx";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmulatedTenancy tenancy;

    @AfterEach
    void close() {
        tenancy.close();
    }

    private JsonNode sweep(World world, Map<String, String> config, String body) {
        tenancy = new EmulatedTenancy(world, EmulatorOptions.trusting());
        Map<String, String> env = new HashMap<>(Map.of("CMK_GUARD_MODE", "audit"));
        env.putAll(config);
        try (CmkGuard guard = tenancy.another(env, DAY)) {
            return EmulatedTenancy.answer(guard, body);
        }
    }

    private static String keySweep(String compartmentId) {
        return "{\"sweep\": {\"compartmentId\": \"" + compartmentId + "\", \"includeSubcompartments\": false,"
                + " \"resourceTypes\": [\"vault-key\"]}}";
    }

    private static Map<String, JsonNode> findings(JsonNode report) {
        Map<String, JsonNode> byId = new HashMap<>();
        report.path("findings").forEach(f -> byId.put(f.path("resourceId").asText(), f));
        return byId;
    }

    @Test
    void aSweepJudgesEveryKeyOfEveryVaultInTheCompartment() {
        JsonNode report = sweep(OciEmulator.demoWorld(), Map.of(), keySweep(SECURITY));
        assertTrue(report.path("complete").asBoolean(), report.toString());
        Map<String, JsonNode> findings = findings(report);
        // DEFAULT vaults and the virtual private one alike: 9 keys, the wrapping of none left out
        assertEquals(9, report.path("byType").path("vault-key").path("scanned").asInt(), report.toString());

        JsonNode stale = findings.get(STALE);
        assertEquals("NON_COMPLIANT", stale.path("verdict").asText());
        assertEquals("vault-key", stale.path("resourceType").asText());
        assertEquals("LOGGED", stale.path("action").asText());
        assertTrue(stale.path("reasons").get(0).asText().startsWith("its current key version was created 645 days"
                + " ago (2025-03-01T09:00:00Z)"), stale.toString());
        assertTrue(stale.path("reasons").get(1).asText().startsWith("its vault does not rotate keys on a schedule"));
        String command = stale.path("fix").path("command").asText();
        assertTrue(command.startsWith("oci kms management key-version create --key-id " + STALE + " --endpoint "),
                command);
        assertFalse(command.contains("key update"), "a DEFAULT vault has no automatic rotation: " + command);
        assertTrue(stale.path("fix").path("consoleUrl").asText().contains("/security/kms/vaults/"
                + "ocid1.vault.oc1.iad.emuvault1.vault/keys/" + STALE));

        assertFalse(findings.containsKey(ROTATED), "rotated by hand in October: " + findings.get(ROTATED));
        assertFalse(findings.containsKey(AUTO), "an old version, but rotated every 90 days: " + findings.get(AUTO));

        JsonNode disabled = findings.get(DISABLED);
        assertEquals("NON_COMPLIANT", disabled.path("verdict").asText(), disabled.toString());
        assertTrue(disabled.path("reasons").get(0).asText().startsWith("Vault key cmk-guard-disabled is DISABLED: 1"
                + " resource uses it"), disabled.toString());
        assertTrue(disabled.path("reasons").get(1).asText().startsWith("on it: block-volume "), disabled.toString());
        assertTrue(disabled.path("reasons").get(1).asText().contains("(ocid1.volume.oc1.iad.voldisabledkey)"));
        assertEquals("oci kms management key enable --key-id " + DISABLED + " --endpoint "
                + tenancy.emulator.baseUrl(), disabled.path("fix").path("command").asText());
        JsonNode pending = findings.get(PENDING);
        assertTrue(pending.path("reasons").get(0).asText().contains("PENDING_DELETION (to be deleted at"),
                pending.toString());
        assertTrue(pending.path("fix").path("command").asText().startsWith("oci kms management key cancel-deletion"));
        assertTrue(tenancy.writes().isEmpty(), "a key is never changed");
    }

    @Test
    void aStaleKeyInAVirtualPrivateVaultGetsTheAutoRotationCommandTooInNotifyMode() throws Exception {
        World world = OciEmulator.demoWorld();
        ObjectNode json = world.toJson();
        json.withArray("keys").forEach(k -> {
            if (k.path("id").asText().equals(AUTO)) {
                ((ObjectNode) k).put("isAutoRotationEnabled", false);
            }
        });
        JsonNode report = sweep(World.parse(JSON.writeValueAsString(json)), Map.of("CMK_GUARD_MODE", "notify",
                "CMK_GUARD_KEY_MAX_AGE_DAYS", "90"), keySweep(SECURITY));
        JsonNode auto = findings(report).get(AUTO);
        assertEquals("NON_COMPLIANT", auto.path("verdict").asText(), report.toString());
        assertEquals("NOTIFIED", auto.path("action").asText());
        assertEquals("automatic rotation is off: turn it on every 90 days", auto.path("reasons").get(1).asText());
        assertTrue(auto.path("fix").path("command").asText().endsWith(" && oci kms management key update --key-id "
                + AUTO + " --is-auto-rotation-enabled true --auto-key-rotation-details '{\"rotationIntervalInDays\":"
                + " 90}' --force --endpoint " + tenancy.emulator.baseUrl()), auto.toString());
        assertFalse(findings(report).containsKey(ROTATED), "rotated 66 days ago, within 90: " + report);
        assertEquals(1, tenancy.emulator.messages().size(), "one digest names them");
        assertTrue(tenancy.writes().isEmpty(), "notify never rotates");
    }

    @Test
    void aVaultWhoseKeysCannotBeListedIsAnErrorNamingTheGrant() {
        World world = OciEmulator.demoWorld().withFault(Fault.on("GET", "/20180608/keys\\?compartmentId="
                + SECURITY.replace(".", "\\.") + ".*").respond(404, "NotAuthorizedOrNotFound"));
        JsonNode report = sweep(world, Map.of(), keySweep(SECURITY));
        assertEquals(1, report.path("counts").path("ERROR").asInt(), report.toString());
        JsonNode error = report.path("findings").get(0);
        assertEquals("vault-key", error.path("resourceType").asText());
        assertEquals("NotAuthorizedOrNotFound", error.path("error").path("code").asText());
        String message = error.path("error").path("message").asText();
        assertTrue(message.contains("the keys of vault emu-vault-iad (ocid1.vault.oc1.iad.emuvault1.vault, DEFAULT)"
                + " could not be listed"), message); // inside the sweep's own "could not all be listed" report
        assertTrue(message.endsWith("none of them was judged"), message);
        assertTrue(message.contains("needs 'read keys' in compartment " + SECURITY), message);
    }

    @Test
    void vaultsThatCannotBeListedAreAnErrorNamingTheGrant() {
        World world = OciEmulator.demoWorld().withFault(Fault.on("GET", "/20180608/vaults")
                .respond(403, "NotAuthorized"));
        JsonNode report = sweep(world, Map.of(), keySweep(SECURITY));
        JsonNode error = report.path("findings").get(0);
        assertEquals("ERROR", error.path("verdict").asText(), report.toString());
        assertTrue(error.path("error").path("message").asText().contains("needs 'read vaults' in compartment "
                + SECURITY), error.toString());
    }

    @Test
    void aCrossRegionReplicaIsJudgedWithEveryKeyRuleInItsOwnRegion() throws Exception {
        ObjectNode json = OciEmulator.demoWorld().toJson();
        json.withArray("volumes").add(volume("volxrwrong", KEY_HSM));
        json.withArray("volumes").add(volume("volxrphx", PHX_KEY));
        JsonNode report = sweep(World.parse(JSON.writeValueAsString(json)), Map.of(),
                "{\"sweep\": {\"compartmentId\": \"ocid1.compartment.oc1..prod\", \"includeSubcompartments\": false,"
                        + " \"resourceTypes\": [\"block-volume\"]}}");
        Map<String, JsonNode> findings = findings(report);
        JsonNode wrong = findings.get("ocid1.volume.oc1.iad.volxrwrong");
        assertEquals("NON_COMPLIANT", wrong.path("verdict").asText(), report.toString());
        assertTrue(wrong.path("reasons").get(0).asText().contains("the replica's key " + KEY_HSM
                + " is in region us-ashburn-1 but the replica is in us-phoenix-1"), wrong.toString());
        assertFalse(findings.containsKey("ocid1.volume.oc1.iad.volxrphx"), "a phx key for a phx replica, read in"
                + " phx: " + findings.get("ocid1.volume.oc1.iad.volxrphx"));
        assertTrue(tenancy.emulator.requests().stream().anyMatch(r -> r.path().equals("/20180608/keys/" + PHX_KEY)),
                "the replica's key was read");

        // the same replica with its key disabled, and with the key's vault not allowed
        ObjectNode disabled = OciEmulator.demoWorld().toJson();
        disabled.withArray("volumes").add(volume("volxrphx", PHX_KEY));
        disabled.withArray("keys").forEach(k -> {
            if (k.path("id").asText().equals(PHX_KEY)) {
                ((ObjectNode) k).put("lifecycleState", "DISABLED");
            }
        });
        tenancy.close();
        JsonNode second = sweep(World.parse(JSON.writeValueAsString(disabled)), Map.of(
                "CMK_GUARD_ALLOWED_VAULT_IDS", "ocid1.vault.oc1.iad.emuvault1.vault"),
                "{\"sweep\": {\"compartmentId\": \"ocid1.compartment.oc1..prod\", \"includeSubcompartments\": false,"
                        + " \"resourceTypes\": [\"block-volume\"]}}");
        JsonNode judged = findings(second).get("ocid1.volume.oc1.iad.volxrphx");
        String reasons = judged.path("reasons").toString();
        assertTrue(reasons.contains("the replica's key " + PHX_KEY + " is DISABLED"), reasons);
        assertTrue(reasons.contains("which is not one of the allowed vaults"), reasons);
        assertTrue(tenancy.writes().isEmpty());
    }

    /** A volume in iad on the HSM key with one replica in phx on the given key. */
    private static ObjectNode volume(String name, String replicaKey) throws Exception {
        return JSON.readValue("{\"id\": \"ocid1.volume.oc1.iad." + name + "\", \"compartmentId\":"
                + " \"ocid1.compartment.oc1..prod\", \"displayName\": \"" + name + "\", \"lifecycleState\": \"AVAILABLE\","
                + " \"availabilityDomain\": \"Uocm:US-ASHBURN-AD-1\", \"sizeInGBs\": 50, \"kmsKeyId\": \"" + KEY_HSM
                + "\", \"blockVolumeReplicas\": [{\"displayName\": \"" + name + "-phx\", \"blockVolumeReplicaId\":"
                + " \"ocid1.blockvolumereplica.oc1.phx." + name + "\", \"availabilityDomain\": \"Uocm:PHX-AD-1\","
                + " \"kmsKeyId\": \"" + replicaKey + "\"}]}", ObjectNode.class);
    }
}
