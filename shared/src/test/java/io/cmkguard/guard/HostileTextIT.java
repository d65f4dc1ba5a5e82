package io.cmkguard.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.TestFiles;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.World;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static io.cmkguard.guard.EmulatedTenancy.KEY_HSM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18: names from OCI and fields from events reach results, decision logs, ONS titles and bodies,
 * key alerts and digests clean: no control, escape or bidi character, one line, names cut to 256.
 */
class HostileTextIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORGED = "[cmk-guard] FIXED: all clear";
    /** CR/LF, a forged summary line, ANSI clear screen and colour, an OSC title, a right-to-left override, a C1 CSI, 5 KB. */
    private static final String NAME = "vol\r\n" + FORGED + "\u001b[2J\u001b[31m\u001b]0;pwned\u0007\u202Eevil\u202C"
            + "\u009b1m" + "x".repeat(5_000);

    /** No control character (C0, DEL, C1) but the line breaks allowed, no bidi control. */
    private static void assertClean(String text, String allowed, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) && allowed.indexOf(c) < 0;
            boolean bidi = c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069' || c == '\u200e'
                    || c == '\u200f' || c == '\u061c';
            assertTrue(!control && !bidi, what + " holds U+" + Integer.toHexString(c) + " at " + i + ": " + text);
        }
    }

    private static void assertCleanResult(JsonNode r) {
        assertClean(r.path("displayName").asText(), "", "displayName");
        assertTrue(r.path("displayName").asText().length() <= 256, r.path("displayName").asText());
        r.path("reasons").forEach(reason -> assertClean(reason.asText(), "", "a reason"));
        r.path("items").forEach(HostileTextIT::assertCleanResult);
    }

    /** Title on one line; body lines clean; exactly one line says it is cmk-guard's summary. */
    private static void assertCleanMessage(JsonNode message) {
        assertClean(message.path("title").asText(), "", "the title");
        String body = message.path("body").asText();
        assertClean(body, "\n", "the body");
        assertEquals(1, body.lines().filter(line -> line.startsWith("[cmk-guard]")).count(), body);
        assertTrue(body.lines().noneMatch(line -> line.startsWith(FORGED)), body);
    }

    private static void assertCleanLog(String log) {
        for (String line : log.lines().toList()) {
            assertClean(line, "", "a decision log line");
            try {
                assertTrue(JSON.readTree(line).isObject(), line);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }
    }

    @Test
    void aVolumesNameAndAnEventsCompartmentNameReachNoOutputRaw() throws IOException {
        ObjectNode world = OciEmulator.demoWorld().toJson();
        world.path("volumes").forEach(v -> {
            if (v.path("id").asText().equals("ocid1.volume.oc1.iad.voloracle")) {
                ((ObjectNode) v).put("displayName", NAME);
            }
        });
        ObjectNode event = (ObjectNode) JSON.readTree(TestFiles.read(TestFiles.sample(
                "blockvolumes.createvolume.end--oracle-managed.json")));
        ((ObjectNode) event.path("data")).put("compartmentName", "prod\n" + FORGED + "\u001b[2J\u2066")
                .put("resourceName", NAME);
        try (EmulatedTenancy tenancy = new EmulatedTenancy(World.parse(world.toString()))) {
            JsonNode r = tenancy.guard(Map.of("CMK_GUARD_MODE", "notify", "CMK_GUARD_KMS_KEY_ID", KEY_HSM))
                    .sendBody(event.toString());
            assertEquals("NON_COMPLIANT", r.path("verdict").asText(), r.toPrettyString());
            assertCleanResult(r);
            assertEquals(256, r.path("displayName").asText().length(), "cut to 256 with an ellipsis");
            assertTrue(r.path("displayName").asText().startsWith("vol  " + FORGED + "evil"), r.path("displayName").asText());
            assertTrue(r.path("displayName").asText().endsWith("x…"));
            JsonNode message = tenancy.emulator.messages().get(0);
            assertCleanMessage(message);
            assertTrue(message.path("body").asText().contains("\nCompartment: prod " + FORGED + " (ocid1.compartment"),
                    message.path("body").asText());
            assertCleanLog(tenancy.logText());
        }
    }

    @Test
    void aPrincipalNameWithLineBreaksEscapesAnd5KbIsOneCutNameInTheKeyAlert() throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(TestFiles.read(TestFiles.sample(
                "keymanagementservice.disablekey.end--in-use.json")));
        ((ObjectNode) event.path("data").path("additionalDetails")).put("principalName",
                "mallory\n\n" + FORGED + "\u001b[2J\u001b[H" + "A".repeat(5_000));
        try (EmulatedTenancy tenancy = new EmulatedTenancy()) {
            JsonNode r = tenancy.guard(Map.of("CMK_GUARD_MODE", "notify")).sendBody(event.toString());
            assertEquals("NON_COMPLIANT", r.path("verdict").asText(), r.toPrettyString());
            assertCleanResult(r);
            JsonNode message = tenancy.emulator.messages().get(0);
            assertCleanMessage(message);
            String first = message.path("body").asText().lines().findFirst().orElseThrow();
            assertTrue(first.contains("was DISABLED by mallory  " + FORGED + "AAA"), first);
            int principal = first.indexOf("by mallory");
            assertTrue(first.indexOf('…', principal) - principal <= 3 + 256, "the principal is cut to 256: " + first);
            assertCleanLog(tenancy.logText());
        }
    }

    @Test
    void aReplicasNameWithBidiAndC1ControlsIsCleanInTheReasonsAndTheMessage() {
        ObjectNode world = OciEmulator.demoWorld().toJson();
        world.path("volumes").forEach(v -> v.path("blockVolumeReplicas").forEach(replica ->
                ((ObjectNode) replica).put("displayName", "\u202Ereplica\u009b2J\u001b[8m" + "r".repeat(400))));
        try (EmulatedTenancy tenancy = new EmulatedTenancy(World.parse(world.toString()))) {
            JsonNode r = tenancy.guard(Map.of("CMK_GUARD_MODE", "notify", "CMK_GUARD_KMS_KEY_ID", KEY_HSM))
                    .send("blockvolumes.createvolume.end--replica-without-cmk.json");
            assertEquals("NON_COMPLIANT", r.path("verdict").asText(), r.toPrettyString());
            assertCleanResult(r);
            String reason = r.path("reasons").get(0).asText();
            assertTrue(reason.startsWith("its replica replica" + "r".repeat(248) + "… (ocid1."), reason);
            assertCleanMessage(tenancy.emulator.messages().get(0));
            assertCleanLog(tenancy.logText());
        }
    }

    @Test
    void aSweepsDigestOfHostileNamesIsClean() {
        ObjectNode world = OciEmulator.demoWorld().toJson();
        world.path("volumes").forEach(v -> ((ObjectNode) v).put("displayName", NAME));
        try (EmulatedTenancy tenancy = new EmulatedTenancy(World.parse(world.toString()))) {
            JsonNode report = tenancy.guard(Map.of("CMK_GUARD_MODE", "notify", "CMK_GUARD_KMS_KEY_ID", KEY_HSM))
                    .sendBody("{\"sweep\": {\"compartmentId\": \"ocid1.compartment.oc1..prod\", \"resourceTypes\":"
                            + " [\"block-volume\"]}}");
            List<JsonNode> findings = JSON.convertValue(report.path("findings"),
                    JSON.getTypeFactory().constructCollectionType(List.class, JsonNode.class));
            assertTrue(findings.size() > 1, report.toPrettyString());
            findings.forEach(HostileTextIT::assertCleanResult);
            assertEquals(1, tenancy.emulator.messages().size(), "one digest");
            assertCleanMessage(tenancy.emulator.messages().get(0));
            assertCleanLog(tenancy.logText());
        }
    }
}
