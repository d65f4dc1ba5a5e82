package io.cmkguard.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.Hostile;
import io.cmkguard.ShellPaste;
import io.cmkguard.TestFiles;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.World;
import io.cmkguard.model.Encryption;
import io.cmkguard.model.Lineage;
import io.cmkguard.model.Resource;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.resource.type.ResourceTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.cmkguard.guard.EmulatedTenancy.KEY_HSM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18: every command cmk-guard prints, pasted into bash, dash and sh with {@code oci} stubbed, runs
 * exactly the intended argv and nothing else, whatever names and event fields held (ShellWordTest.HOSTILE).
 * Commands are taken where people take them: the result's fix, the ONS message, the reasons.
 */
class PastedCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> HOSTILE = Hostile.VALUES;
    private static final String ENDPOINT = "https://emuvault1-management.kms.us-ashburn-1.oraclecloud.com";

    /** Pastes the line into every shell; all must see the same calls, which are answered. */
    private static List<List<String>> pasted(String line) {
        List<List<String>> first = null;
        for (String shell : ShellPaste.shells()) {
            List<List<String>> seen = ShellPaste.run(shell, line);
            if (first == null) {
                first = seen;
            }
            assertEquals(first, seen, shell + " saw other calls than bash for: " + line);
        }
        return first;
    }

    @ParameterizedTest(name = "{0} replicas named by an attacker")
    @CsvSource({
            "volumes, ocid1.volume.oc1.iad.volreplicanocmk, blockVolumeReplicas, blockVolumeReplicaId, --volume-id,"
                    + " blockvolumes.createvolume.end--replica-without-cmk.json",
            "bootVolumes, ocid1.bootvolume.oc1.iad.bvreplicanocmk, bootVolumeReplicas, bootVolumeReplicaId,"
                    + " --boot-volume-id, blockvolumes.updatebootvolume.end--replica-without-cmk.json",
    })
    void theReplicaListKeepsEveryHostileNameExactAndRunsNothing(String collection, String id, String replicasField,
                                                                 String replicaIdField, String idOption, String sample)
            throws IOException {
        List<String> names = HOSTILE.stream().filter(n -> !n.isBlank()).toList();
        ObjectNode world = OciEmulator.demoWorld().toJson();
        for (JsonNode resource : world.path(collection)) {
            if (resource.path("id").asText().equals(id)) {
                ((ObjectNode) resource).put("displayName", HOSTILE.get(0));
                ArrayNode replicas = ((ObjectNode) resource).putArray(replicasField);
                for (int i = 0; i < names.size(); i++) {
                    replicas.addObject().put("displayName", names.get(i)).put(replicaIdField, id + "replica" + i)
                            .put("availabilityDomain", "Uocm:PHX-AD-1");
                }
            }
        }
        try (EmulatedTenancy tenancy = new EmulatedTenancy(World.parse(world.toString()))) {
            JsonNode r = tenancy.guard(Map.of("CMK_GUARD_MODE", "notify", "CMK_GUARD_KMS_KEY_ID", KEY_HSM)).send(sample);
            assertEquals("NON_COMPLIANT", r.path("verdict").asText(), r.toPrettyString());
            String body = tenancy.emulator.messages().get(0).path("body").asText(); // "Nothing was changed: ... <command>."
            String command = body.substring(body.indexOf("oci bv "), body.lastIndexOf(" --force") + 8);
            List<List<String>> calls = pasted(command);

            assertEquals(1, calls.size(), command);
            List<String> argv = calls.get(0);
            assertEquals(List.of("oci", "bv", collection.equals("volumes") ? "volume" : "boot-volume", "update",
                    idOption, id, "--" + replicasField.replaceAll("([A-Z])", "-$1").toLowerCase(), argv.get(7), "--force"),
                    argv);
            List<String> sent = new ArrayList<>();
            JSON.readTree(argv.get(7)).forEach(replica -> sent.add(replica.path("displayName").asText()));
            assertEquals(names, sent, "each replica keeps its exact name (a changed name would rename it)");
            assertTrue(command.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "printable ASCII on one line: " + command);
            assertEquals(names.size(), textsOf(r.path("reasons")).stream().filter(t -> t.startsWith("its replica ")).count(),
                    "one reason per replica: " + r.toPrettyString());
        }
    }

    @Test
    void theResultsAndTheMessagesFixRunsTheIntendedCommandWhateverTheVolumeIsCalled() {
        ObjectNode world = OciEmulator.demoWorld().toJson();
        world.path("volumes").forEach(v -> {
            if (v.path("id").asText().equals("ocid1.volume.oc1.iad.voloracle")) {
                ((ObjectNode) v).put("displayName", String.join(" ", HOSTILE));
            }
        });
        try (EmulatedTenancy tenancy = new EmulatedTenancy(World.parse(world.toString()))) {
            JsonNode r = tenancy.guard(Map.of("CMK_GUARD_MODE", "notify", "CMK_GUARD_KMS_KEY_ID", KEY_HSM))
                    .send("blockvolumes.createvolume.end--oracle-managed.json");
            List<String> intended = List.of("oci", "bv", "volume-kms-key", "update", "--volume-id",
                    "ocid1.volume.oc1.iad.voloracle", "--kms-key-id", KEY_HSM);
            assertEquals(List.of(intended), pasted(r.path("fix").path("command").asText()), r.toPrettyString());
            String body = tenancy.emulator.messages().get(0).path("body").asText();
            String fix = body.substring(body.indexOf("To fix:\n  ") + 10);
            assertEquals(List.of(intended), pasted(fix.substring(0, fix.indexOf('\n'))));
        }
    }

    @Test
    void everyTypesFixCommandPassesHostileIdsAndKeysAsSingleArguments() {
        int printed = 0;
        for (ResourceType type : ResourceTypes.ALL) {
            for (String value : List.of(HOSTILE.get(0), HOSTILE.get(3), HOSTILE.get(6))) {
                // a hostile id where the type's ids may hold one (a bucket's name cannot: its id stays plain)
                String hostileId = type.identity().example() + value;
                String id = type.identity().owns(hostileId) ? hostileId : type.identity().example();
                String key = "ocid1.key.oc1.iad.v." + value;
                Encryption onWallet = type.name().contains("database") && !type.name().startsWith("autonomous")
                        ? Encryption.walletOnly() : Encryption.oracleManaged();
                Optional<Lineage> container = type.name().equals("pluggable-database")
                        ? Optional.of(new Lineage("in container", "ocid1.database.oc1.iad." + value)) : Optional.empty();
                Resource resource = new Resource(type.name(), id, value, "ocid1.compartment.oc1..c", "us-ashburn-1",
                        "AVAILABLE", onWallet, List.of(), container, Map.of(), "");
                Optional<String> command = type.fixCommand(resource, key);
                if (command.isEmpty()) {
                    continue;
                }
                List<List<String>> calls = pasted(command.get());
                assertTrue(calls.stream().allMatch(argv -> argv.get(0).equals("oci")), command.get());
                // a bucket is named by its namespace and name: its name is the argument to find
                String target = type.name().equals("bucket") ? id.substring(id.lastIndexOf('/') + 1)
                        : container.map(Lineage::sourceId).orElse(id);
                assertTrue(calls.get(0).contains(target), "the id is one argument: " + calls);
                assertTrue(calls.stream().anyMatch(argv -> argv.contains(key)), "the key is one argument: " + calls);
                printed++;
            }
        }
        assertEquals(9 * 3, printed, "block, boot, both backups, ADB, database, PDB, bucket and file system print one");

    }

    @Test
    void anEventsKeyVersionIdNeverReachesTheUndoCommandUnlessItIsAKeyVersionOcid() throws IOException {
        for (String keyVersionId : List.of("x ; touch FILE", "ocid1.keyversion.oc1.iad.emuvault1.v'$(touch FILE)'",
                "ocid1.keyversion.oc1.iad.emuvault1.keyhsmv1")) {
            ObjectNode event = (ObjectNode) JSON.readTree(TestFiles.read(TestFiles.sample(
                    "keymanagementservice.schedulekeyversiondeletion.end--in-use.json")));
            ObjectNode data = (ObjectNode) event.path("data");
            data.put("resourceId", KEY_HSM);
            ((ObjectNode) data.path("additionalDetails")).put("keyVersionId", keyVersionId)
                    .put("principalName", HOSTILE.get(0));
            try (EmulatedTenancy tenancy = new EmulatedTenancy()) {
                JsonNode r = tenancy.guard(Map.of("CMK_GUARD_MODE", "notify")).sendBody(event.toString());
                assertEquals("NON_COMPLIANT", r.path("verdict").asText(), r.toPrettyString());
                String body = tenancy.emulator.messages().get(0).path("body").asText();
                String undo = body.substring(body.indexOf("To undo:\n  ") + 11);
                undo = undo.substring(0, undo.indexOf('\n'));
                String version = keyVersionId.endsWith("keyhsmv1") ? keyVersionId : "<key version OCID>";
                assertEquals(List.of(List.of("oci", "kms", "management", "key-version", "cancel-deletion", "--key-id",
                        KEY_HSM, "--key-version-id", version, "--endpoint", ENDPOINT)), pasted(undo), body);
                String shown = undo;
                assertTrue(textsOf(r.path("reasons")).stream()
                        .anyMatch(reason -> reason.equals("to undo: " + shown)), r.toPrettyString());
            }
        }
    }

    private static List<String> textsOf(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
