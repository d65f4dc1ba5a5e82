package io.cmkguard.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.TestFiles;
import io.cmkguard.emulator.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.cmkguard.guard.EmulatedTenancy.KEY_HSM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input cmk-guard must not act on, and answers from OCI that are not what was asked for, through the
 * real SDK clients against the emulator: every one ends as a result with a code, and changes nothing.
 */
class BadInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> REMEDIATE = Map.of("CMK_GUARD_MODE", "remediate",
            "CMK_GUARD_KMS_KEY_ID", KEY_HSM);

    private final EmulatedTenancy tenancy = new EmulatedTenancy();

    @AfterEach
    void close() {
        tenancy.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"eventType\":\"com.oraclecloud.dbaas.autonomous.database.backup.end\",\"eventID\":\"e-1\",\"data\":{\"id\":\"ocid1.autonomousdatabase.oc1.iad.a\"}}",
            "{\"eventType\":\"com.oraclecloud.objectstorage.createobject\",\"eventID\":\"e-1\",\"data\":[1,2,3]}",
            "{\"eventType\":\"com.oraclecloud.objectstorage.createobject\",\"eventID\":\"e-1\",\"data\":\"text\"}",
            "{\"eventType\":\"com.oraclecloud.identitycontrolplane.createuser\",\"eventID\":\"e-1\"}",
            "{\"eventType\":\"com.oraclecloud.computeapi.terminateinstance.end\",\"eventID\":\"e-1\",\"data\":{\"resourceId\":7}}"})
    void anUnhandledEventTypeIsIgnoredWhateverItsDataWithoutACall(String body) {
        JsonNode r = tenancy.guard(REMEDIATE).sendBody(body);
        assertEquals("IGNORED", r.path("verdict").asText(), r.toPrettyString());
        assertEquals("e-1", r.path("eventId").asText());
        assertTrue(r.path("error").isNull(), "IGNORED is not an error: nobody is paged");
        assertEquals(List.of(), tenancy.emulator.requests());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "databaseservice.autonomous.container.database.dataguard.createstandby.end--dedicated-standby.json",
            "databaseservice.createcloudvmcluster.end--two-databases.json"})
    void aContainerEventWithoutItsCompartmentIsAnInputErrorWithoutACall(String sample) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(TestFiles.read(TestFiles.sample(sample)));
        ((ObjectNode) event.get("data")).remove("compartmentId");
        event.remove("extensions");
        JsonNode r = tenancy.guard(REMEDIATE).sendBody(event.toString());
        assertEquals("ERROR", r.path("verdict").asText(), r.toPrettyString());
        assertEquals("MissingCompartmentId", r.path("error").path("code").asText());
        assertEquals(event.get("eventID").asText(), r.path("eventId").asText());
        assertEquals(event.get("eventType").asText(), r.path("eventType").asText());
        assertEquals(List.of(), tenancy.emulator.requests());
    }

    @Test
    void anErrorResultKeepsTheEventTypeAndIdSoItCanBeMatchedBack() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(
                TestFiles.read(TestFiles.sample("blockvolumes.createvolume.end--oracle-managed.json")));
        ((ObjectNode) event.get("data")).put("resourceId", "ocid1.volume.oc1.iad." + "x".repeat(200_000));
        JsonNode r = tenancy.guard(REMEDIATE).sendBody(event.toString());
        assertEquals("ERROR", r.path("verdict").asText());
        assertTrue(r.toString().length() < 4_000, "a huge field is not echoed: " + r.toString().length());
        assertEquals(event.get("eventID").asText(), r.path("eventId").asText());
        assertEquals("com.oraclecloud.blockvolumes.createvolume.end", r.path("eventType").asText());
        assertEquals(List.of(), tenancy.emulator.requests());
    }

    @Test
    void aResourceAnswerWithoutIdStateOrCompartmentIsMalformedNeverNonCompliant() {
        // a 200 whose body is an error document: the SDK reads it as a volume with every field null
        tenancy.emulator.faults().add(Fault.on("GET", "/20160918/volumes/[^/]+").respond(200, "InternalError"));
        JsonNode r = tenancy.guard(REMEDIATE).send("blockvolumes.createvolume.end--oracle-managed.json");
        assertEquals("ERROR", r.path("verdict").asText(), r.toPrettyString());
        assertEquals("MalformedResponse", r.path("error").path("code").asText());
        String message = r.path("error").path("message").asText();
        assertTrue(message.contains("no id") && message.contains("no lifecycleState")
                && message.contains("no compartmentId"), message);
        assertTrue(tenancy.writes().isEmpty(), "nothing is re-keyed on a malformed answer: " + tenancy.writes());
        assertTrue(tenancy.emulator.messages().isEmpty());
    }

    @Test
    void aKeyAnswerWithoutIdOrStateIsMalformedNotAKeyStateToJudge() {
        tenancy.emulator.faults().add(Fault.on("GET", "/20180608/keys/[^/]+").respond(200, "Garbage"));
        JsonNode r = tenancy.guard(REMEDIATE).send("blockvolumes.createvolume.end--compliant.json");
        assertEquals("ERROR", r.path("verdict").asText(), r.toPrettyString());
        assertEquals("MalformedResponse", r.path("error").path("code").asText());
        assertTrue(tenancy.writes().isEmpty());
        assertTrue(tenancy.emulator.messages().isEmpty());
    }
}
