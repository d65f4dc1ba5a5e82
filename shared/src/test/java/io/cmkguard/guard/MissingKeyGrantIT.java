package io.cmkguard.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.World;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.cmkguard.guard.EmulatedTenancy.KEY_HSM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pre-flight: when OCI refuses a key assignment because the service may not use the key (the emulator
 * answers 404 NotAuthorizedOrFoundKmsKey when the world says the grant is missing), the result names the
 * missing statement instead of a bare 404, and nothing changes.
 */
class MissingKeyGrantIT {
    private static final Map<String, String> REMEDIATE = Map.of("CMK_GUARD_MODE", "remediate",
            "CMK_GUARD_KMS_KEY_ID", KEY_HSM);

    private static World withoutGrant(String keyUser) {
        ObjectNode missing = new ObjectMapper().createObjectNode().put("keyUser", keyUser).put("keyId", KEY_HSM);
        return OciEmulator.demoWorld().with("missingKeyGrants", missing);
    }

    @Test
    void aVolumeReKeyRefusedForTheBlockStorageServiceNamesItsGrant() {
        try (EmulatedTenancy tenancy = new EmulatedTenancy(withoutGrant("blockstorage")).guard(REMEDIATE)) {
            JsonNode r = tenancy.send("blockvolumes.createvolume.end--oracle-managed.json");

            assertEquals("REMEDIATION_FAILED", r.path("action").asText(), r.toPrettyString());
            assertEquals("MissingKeyGrant", r.path("error").path("code").asText());
            String message = r.path("error").path("message").asText();
            assertTrue(message.contains("HTTP 404 NotAuthorizedOrFoundKmsKey"), message);
            assertTrue(message.contains("Allow service blockstorage to use keys in compartment <the compartment of"
                    + " vault ocid1.vault.oc1.iad.emuvault1.vault> where target.key.id = '" + KEY_HSM + "'"), message);
            assertTrue(tenancy.stateOf("volumes", "ocid1.volume.oc1.iad.voloracle").path("kmsKeyId").isMissingNode());
            assertTrue(tenancy.emulator.messages().get(0).path("body").asText().contains("Allow service blockstorage"),
                    "the notification carries the missing statement too");
        }
    }

    @Test
    void anAutonomousDatabaseRefusedNamesTheDatabasesDynamicGroupGrants() {
        try (EmulatedTenancy tenancy = new EmulatedTenancy(withoutGrant("autonomousdatabase")).guard(REMEDIATE)) {
            JsonNode r = tenancy.send("databaseservice.autonomous.database.instance.create.end--oracle-managed.json");

            assertEquals("REMEDIATION_FAILED", r.path("action").asText(), r.toPrettyString());
            assertEquals("MissingKeyGrant", r.path("error").path("code").asText());
            String message = r.path("error").path("message").asText();
            assertTrue(message.contains("Allow dynamic-group cmk-guard-adb to use keys in compartment"), message);
            assertTrue(message.contains("Allow dynamic-group cmk-guard-adb to use vaults in compartment"), message);
        }
    }

    @Test
    void withTheGrantInPlaceTheSameReKeySucceeds() {
        try (EmulatedTenancy tenancy = new EmulatedTenancy(withoutGrant("autonomousdatabase")).guard(REMEDIATE)) {
            JsonNode r = tenancy.send("blockvolumes.createvolume.end--oracle-managed.json");
            assertEquals("REMEDIATED", r.path("action").asText(), r.toPrettyString());
        }
    }
}
