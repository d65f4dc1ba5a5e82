package io.cmkguard.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.TestFiles;
import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.GeneratedWorld;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.cmkguard.guard.EmulatedTenancy.KEY_HSM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 10, part 2: the key-health watch through the real SDK clients against the emulator. */
class KeyWatchIT {
    private static final Map<String, String> NOTIFY = Map.of("CMK_GUARD_MODE", "notify");
    private static final Map<String, String> REMEDIATE = Map.of("CMK_GUARD_MODE", "remediate",
            "CMK_GUARD_KMS_KEY_ID", KEY_HSM);
    private static final String KMS = "keymanagementservice.";

    private EmulatedTenancy tenancy = new EmulatedTenancy();

    @AfterEach
    void close() {
        tenancy.close();
    }

    // keyhsm's users in the demo world: its volumes, backups, databases and buckets (the report bucket among them)
    @ParameterizedTest(name = "{0}: {1}/{2}, {3} affected")
    @CsvSource({
            "keymanagementservice.disablekey.end--in-use.json, NON_COMPLIANT, NOTIFIED, 1",
            "keymanagementservice.disablekey.end--already-enabled-again.json, COMPLIANT, NONE, 0",
            "keymanagementservice.schedulekeydeletion.end--in-use.json, NON_COMPLIANT, NOTIFIED, 1",
            "keymanagementservice.schedulekeyversiondeletion.end--in-use.json, NON_COMPLIANT, NOTIFIED, 18",
            "keymanagementservice.changekeycompartment.end--in-use.json, COMPLIANT, NOTIFIED, 18",
            "keymanagementservice.schedulevaultdeletion.end--unused-vault.json, COMPLIANT, NOTIFIED, 0",
            "keymanagementservice.enablekey.end--enabled.json, COMPLIANT, NONE, 0",
            "keymanagementservice.cancelkeydeletion.end--enabled.json, COMPLIANT, NONE, 0",
    })
    void everyKeySampleInNotifyMode(String sample, String verdict, String action, int affected) {
        JsonNode r = tenancy.guard(NOTIFY).send(sample);
        assertEquals(verdict, r.path("verdict").asText(), r.toPrettyString());
        assertEquals(action, r.path("action").asText(), r.toPrettyString());
        assertEquals(affected, r.path("items").size(), r.toPrettyString());
        assertEquals(action.equals("NOTIFIED") ? 1 : 0, tenancy.emulator.messages().size());
        assertTrue(tenancy.writes().isEmpty(), "a key event never writes: " + tenancy.writes());
        assertFalse(r.path("reasons").isEmpty());
    }

    @Test
    void everyKeySampleIsCoveredByTheTableAbove() throws Exception {
        var method = getClass().getDeclaredMethod("everyKeySampleInNotifyMode", String.class, String.class,
                String.class, int.class);
        long samples = TestFiles.samples().stream().filter(p -> p.getFileName().toString().startsWith(KMS)).count();
        assertEquals(samples, method.getAnnotation(CsvSource.class).value().length);
    }

    /** One key protects resources of every type across two compartments; in remediate mode nothing is written. */
    @Test
    void aDisabledKeyNamesEveryResourceOfEveryTypeThatUsesItAndTheUndoCommand() throws Exception {
        ObjectNode dev = new ObjectMapper().readValue("{\"id\": \"ocid1.volume.oc1.iad.voldevcmk\", \"compartmentId\":"
                + " \"ocid1.compartment.oc1..dev\", \"displayName\": \"vol-dev-cmk\", \"lifecycleState\": \"AVAILABLE\","
                + " \"availabilityDomain\": \"Uocm:US-ASHBURN-AD-1\", \"sizeInGBs\": 50, \"kmsKeyId\": \"" + KEY_HSM + "\"}", ObjectNode.class);
        World world = withKeyState(OciEmulator.demoWorld(), KEY_HSM, "DISABLED").with("volumes", dev);
        replaceTenancy(world, EmulatorOptions.trusting());
        tenancy.guard(REMEDIATE);

        JsonNode r = tenancy.sendBody(TestFiles.read(TestFiles.sample(KMS + "disablekey.end--in-use.json"))
                .replace("keydisabled", "keyhsm"));

        assertEquals("vault-key", r.path("resourceType").asText(), r.toPrettyString());
        assertEquals("NON_COMPLIANT", r.path("verdict").asText());
        assertEquals("NOTIFIED", r.path("action").asText());
        Set<String> types = new TreeSet<>();
        Set<String> compartments = new TreeSet<>();
        r.path("items").forEach(i -> {
            types.add(i.path("resourceType").asText());
            compartments.add(i.path("compartmentId").asText());
        });
        assertEquals(Set.of("autonomous-container-database", "autonomous-database", "block-volume", "boot-volume",
                "boot-volume-backup", "bucket", "database", "file-system", "pluggable-database", "volume-backup"), types);
        assertTrue(compartments.containsAll(Set.of("ocid1.compartment.oc1..prod", "ocid1.compartment.oc1..dev")),
                compartments.toString());
        assertTrue(tenancy.writes().isEmpty(), "never remediated: " + tenancy.writes());
        String body = tenancy.emulator.messages().get(0).path("body").asText();
        int n = r.path("items").size();
        assertTrue(body.startsWith("[cmk-guard] Vault key cmk-guard-hsm was DISABLED by alice@example.com \u2014 " + n
                + " resources use it and cannot be read, attached or opened until it is re-enabled: "), body);
        assertTrue(body.contains("oci kms management key enable --key-id " + KEY_HSM
                + " --endpoint https://emuvault1-management.kms.us-ashburn-1.oraclecloud.com"), body);
        assertTrue(body.contains("vol-dev-cmk (ocid1.volume.oc1.iad.voldevcmk) in ocid1.compartment.oc1..dev"), body);
        assertTrue(body.contains("Scope:       ocid1.tenancy.oc1..cmkguarddemo"), "the tenancy, from Identity: " + body);
    }

    @Test
    void aScheduledDeletionGivesTheDateTheDaysLeftAndTheCancelCommand() {
        JsonNode r = tenancy.guard(NOTIFY).send(KMS + "schedulekeydeletion.end--in-use.json");
        assertEquals("NON_COMPLIANT", r.path("verdict").asText(), r.toPrettyString());
        String body = tenancy.emulator.messages().get(0).path("body").asText();
        assertTrue(body.contains("was SCHEDULED FOR DELETION by bob@example.com"), body);
        assertTrue(body.contains("Deleted at:  2026-12-24T00:00:00Z (") && body.contains(" days left)"), body);
        assertTrue(body.contains("oci kms management key cancel-deletion --key-id ocid1.key.oc1.iad.emuvault1.keypending"
                + " --endpoint "), body);
        assertTrue(body.contains("block volume vol-pending-deletion-key (ocid1.volume.oc1.iad.volpendingkey)"), body);
    }

    @Test
    void aKeyThatIsAlreadyUsableAgainIsNotSearchedNorReported() {
        JsonNode r = tenancy.guard(NOTIFY).send(KMS + "disablekey.end--already-enabled-again.json");
        assertEquals("COMPLIANT", r.path("verdict").asText(), r.toPrettyString());
        assertTrue(r.path("reasons").get(0).asText().contains("is ENABLED"), r.toPrettyString());
        assertTrue(tenancy.emulator.requests().stream().noneMatch(q -> q.path().endsWith("/volumes")),
                "no resource listed");
    }

    @Test
    void aKeyNobodyUsesGetsANoteOrNothingAsConfigured() {
        JsonNode noted = tenancy.guard(NOTIFY).send(KMS + "schedulevaultdeletion.end--unused-vault.json");
        assertEquals("vault", noted.path("resourceType").asText(), noted.toPrettyString());
        String body = tenancy.emulator.messages().get(0).path("body").asText();
        assertTrue(body.contains("No resource in ocid1.tenancy.oc1..cmkguarddemo uses it"), body);
        assertTrue(tenancy.emulator.messages().get(0).path("title").asText().startsWith("cmk-guard note:"));
        assertTrue(body.contains("oci kms management vault cancel-deletion --vault-id ocid1.vault.oc1.iad.emuvault3.vault"),
                body);

        JsonNode quiet = tenancy.guard(Map.of("CMK_GUARD_MODE", "notify", "CMK_GUARD_WATCH_UNUSED_KEY", "none"))
                .send(KMS + "schedulevaultdeletion.end--unused-vault.json");
        assertEquals("COMPLIANT", quiet.path("verdict").asText());
        assertEquals("NONE", quiet.path("action").asText());
        assertEquals(1, tenancy.emulator.messages().size(), "no second message");
    }

    @Test
    void theScopeConfigLimitsTheSearchToOneCompartmentTree() {
        JsonNode r = tenancy.guard(Map.of("CMK_GUARD_MODE", "notify",
                        "CMK_GUARD_WATCH_COMPARTMENT_ID", "ocid1.compartment.oc1..dev"))
                .send(KMS + "changekeycompartment.end--in-use.json");
        assertEquals(0, r.path("items").size(), "nothing in dev uses keyhsm: " + r.toPrettyString());
        assertTrue(tenancy.emulator.requests().stream().noneMatch(q -> q.query().contains("oc1..prod")));
    }

    @Test
    void auditModeOnlyLogs() {
        JsonNode r = tenancy.guard(Map.of("CMK_GUARD_MODE", "audit")).send(KMS + "disablekey.end--in-use.json");
        assertEquals("LOGGED", r.path("action").asText(), r.toPrettyString());
        assertTrue(tenancy.emulator.messages().isEmpty());
    }

    @Test
    void anEventNamingSomethingElseIsAnErrorAndReadsNothing() {
        JsonNode r = tenancy.guard(NOTIFY).sendBody(TestFiles.read(TestFiles.sample(KMS + "disablekey.end--in-use.json"))
                .replace("ocid1.key.oc1.iad.emuvault1.keydisabled", "ocid1.volume.oc1.iad.voloracle"));
        assertEquals("ERROR", r.path("verdict").asText(), r.toPrettyString());
        assertEquals("ResourceIdMismatch", r.path("error").path("code").asText());
        assertTrue(tenancy.emulator.requests().isEmpty());
    }

    /** A scope too large for the deadline: it says how far it got and the command that finishes the search. */
    @Test
    void aScopeTooLargeForTheDeadlineSaysHowFarItGotAndHowToFinish() {
        GeneratedWorld generated = GeneratedWorld.generate(2, 3, 12, 11);
        replaceTenancy(withKeyState(generated.world(), GeneratedWorld.KEY, "DISABLED"),
                EmulatorOptions.trusting().withLatency(Duration.ofMillis(40)));
        Map<String, String> config = new HashMap<>(NOTIFY);
        config.put("CMK_GUARD_SWEEP_DEADLINE_SECONDS", "1");
        config.put("CMK_GUARD_TOPIC_ID", GeneratedWorld.TOPIC);
        tenancy.guard(config);

        JsonNode r = tenancy.sendBody(TestFiles.read(TestFiles.sample(KMS + "disablekey.end--in-use.json"))
                .replace("ocid1.key.oc1.iad.emuvault1.keydisabled", GeneratedWorld.KEY)
                .replace("ocid1.compartment.oc1..security", GeneratedWorld.TENANCY));

        assertEquals("Unfinished", r.path("error").path("code").asText(), r.toPrettyString());
        String how = r.path("error").path("message").asText();
        assertTrue(how.startsWith("searched ") && how.contains(" compartments before the deadline"), how);
        assertTrue(how.contains("Finish with: bin/cmk-guard sweep --compartment " + GeneratedWorld.TENANCY
                + " --mode audit"), how);
        String body = tenancy.emulator.messages().get(0).path("body").asText();
        assertTrue(body.contains("(the search did not finish)") && body.contains("Not finished: searched"), body);
    }

    private void replaceTenancy(World world, EmulatorOptions options) {
        tenancy.close();
        tenancy = new EmulatedTenancy(world, options);
    }

    private static World withKeyState(World world, String keyId, String state) {
        ObjectNode json = world.toJson();
        json.path("keys").forEach(k -> {
            if (k.path("id").asText().equals(keyId)) {
                ((ObjectNode) k).put("lifecycleState", state);
            }
        });
        return World.parse(json.toString());
    }
}
