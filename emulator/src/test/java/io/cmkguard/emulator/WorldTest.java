package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.core.BlockstorageClient;
import com.oracle.bmc.core.model.UpdateVolumeKmsKeyDetails;
import com.oracle.bmc.core.requests.UpdateVolumeKmsKeyRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.cmkguard.emulator.TestWorld.*;
import static org.junit.jupiter.api.Assertions.*;

class WorldTest {
    private static SigningKeys keys;

    @BeforeAll
    static void keys() {
        keys = SigningKeys.generate();
    }

    @Test
    void unknownKeysAreNamedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> World.parse("{\"volumes\": [], \"bucket\": []}"));
        assertTrue(e.getMessage().startsWith("unknown world key \"bucket\"; known keys: volumes, bootVolumes,"),
                e.getMessage());
        assertTrue(e.getMessage().contains("topics") && e.getMessage().contains("faults"), e.getMessage());
    }

    @Test
    void resourcesNeedUniqueIds() {
        assertMessage("volumes[1] has no \"id\"",
                "{\"volumes\": [{\"id\": \"a\"}, {\"displayName\": \"no id\"}]}");
        assertMessage("topics[0] has no \"topicId\"", "{\"topics\": [{\"id\": \"topics use topicId\"}]}");
        assertMessage("keys[1] repeats the id k", "{\"keys\": [{\"id\": \"k\"}, {\"id\": \"k\"}]}");
        assertMessage("\"volumes\" must be a list of resources", "{\"volumes\": {\"id\": \"a\"}}");
        assertMessage("a world must be a JSON object", "[]");
        assertMessage("faults[0]: a fault needs \"pathRegex\"", "{\"faults\": [{\"status\": 500}]}");
        assertThrows(IllegalArgumentException.class, () -> World.parse("{not json"));
    }

    @Test
    void missingKeyGrantsAreCheckedOnLoad() {
        World ok = World.parse("{\"missingKeyGrants\": [{\"keyUser\": \"blockstorage\", \"keyId\": \"ocid1.key.x\"}]}");
        assertEquals(1, ok.resources("missingKeyGrants").size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> World.parse("{\"missingKeyGrants\": [{\"keyUser\": \"streaming\"}]}"));
        assertTrue(e.getMessage().startsWith("missingKeyGrants[0] needs a \"keyUser\" of"), e.getMessage());
    }

    @Test
    void worldFilesNameTheFileInErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"volume\": []}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> World.read(file));
        assertTrue(e.getMessage().startsWith("world file " + file + ": unknown world key \"volume\""), e.getMessage());
    }

    @Test
    void theEmulatorNeverChangesTheCallersWorld() {
        ObjectNode volume = Json.object().put("id", "v1").put("compartmentId", COMPARTMENT)
                .put("lifecycleState", "AVAILABLE");
        World world = World.empty().with("volumes", volume);
        volume.put("displayName", "changed by the caller later");
        ObjectNode before = world.toJson();
        assertFalse(before.get("volumes").get(0).has("displayName"), "with() copies");

        World withVault = TestWorld.world();
        try (OciEmulator emulator = OciEmulator.start(withVault, EmulatorOptions.trusting(keys.publicKey()))) {
            assertEquals(emulator.baseUrl(), emulator.dump().get("vaults").get(0).get("managementEndpoint").asText());
        }
        assertEquals("https://abc-management.kms.us-ashburn-1.oraclecloud.com",
                withVault.resources("vaults").get(0).get("managementEndpoint").asText());
        assertFalse(withVault.resources("volumes").get(0).has("etag"), "etags are added to the emulator's copy only");
    }

    @Test
    void aDumpLoadsBackIntoTheSameResources() {
        BasicAuthenticationDetailsProvider auth = Sdk.auth(keys);
        ObjectNode dump;
        try (OciEmulator emulator = OciEmulator.start(TestWorld.world(), EmulatorOptions.trusting(keys.publicKey()));
             BlockstorageClient client = Sdk.blockstorage(emulator, auth)) {
            client.updateVolumeKmsKey(UpdateVolumeKmsKeyRequest.builder().volumeId(VOLUME_ORACLE_KEY)
                    .updateVolumeKmsKeyDetails(UpdateVolumeKmsKeyDetails.builder().kmsKeyId(KEY_2).build()).build());
            dump = emulator.dump();
        }
        assertEquals("PUT", dump.get("requests").get(0).get("method").asText());
        assertEquals(200, dump.get("requests").get(0).get("status").asInt());

        World reloaded = World.parse(Json.write(dump));
        try (OciEmulator again = OciEmulator.start(reloaded, EmulatorOptions.trusting(keys.publicKey()))) {
            ObjectNode second = again.dump();
            for (String collection : ResourceCollection.wireNames()) {
                if (!collection.equals("vaults")) { // vault endpoints name each emulator's own port
                    assertEquals(dump.get(collection), second.get(collection), collection);
                }
            }
            assertEquals(KEY_2, second.get("volumes").get(0).get("kmsKeyId").asText());
            assertEquals(0, second.get("requests").size(), "requests and messages are not loaded back");
        }
    }

    @Test
    void demoWorldLoadsOrSaysItIsMissing() {
        if (OciEmulator.class.getResource(OciEmulator.DEMO_WORLD) == null) {
            IllegalStateException e = assertThrows(IllegalStateException.class, OciEmulator::demoWorld);
            assertTrue(e.getMessage().contains(OciEmulator.DEMO_WORLD), e.getMessage());
        } else {
            assertNotNull(OciEmulator.demoWorld().toJson());
        }
    }

    private static void assertMessage(String expected, String world) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> World.parse(world));
        assertEquals(expected, e.getMessage().substring(0, Math.min(expected.length(), e.getMessage().length())),
                e.getMessage());
    }

    /** The sweep benchmark hands its generated world to the emulator process as a world file. */
    @Test
    void aGeneratedWorldSurvivesAWorldFile(@TempDir Path dir) throws Exception {
        GeneratedWorld generated = GeneratedWorld.generate(1, 2, 3, 5);
        Path file = Files.writeString(dir.resolve("generated.json"), Json.write(generated.world().toJson()));

        World read = World.read(file);
        assertEquals(generated.world().toJson(), read.toJson());
        assertEquals(generated.fates("volumes").size(), read.toJson().get("volumes").size());
        assertEquals(generated.compartments().size(), read.toJson().get("compartments").size(),
                "the ACTIVE compartments below the tenancy, and the DELETED one");
    }
}
