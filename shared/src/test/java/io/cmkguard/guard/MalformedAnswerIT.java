package io.cmkguard.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.emulator.Fault;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static io.cmkguard.guard.EmulatedTenancy.KEY_HSM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 200 answer that is not what was asked (an error body sent with 200, as a broken proxy might) is a
 * MalformedResponse fault: never judged (no "key is : ..."), never a crash, nothing written.
 */
class MalformedAnswerIT {
    private final EmulatedTenancy tenancy = new EmulatedTenancy();

    @AfterEach
    void close() {
        tenancy.close();
    }

    @ParameterizedTest(name = "{0} {1} answered 200 with an error body, for {2}")
    @CsvSource({
            "GET, /20160918/volumes/.*, blockvolumes.createvolume.end--oracle-managed.json, ERROR, NONE, error",
            "GET, /20180608/keys/.*, blockvolumes.createvolume.end--compliant.json, ERROR, NONE, error",
            "POST, /20181201/topics/.*, blockvolumes.createvolume.end--oracle-managed.json, NON_COMPLIANT, REMEDIATED,"
                    + " publishError",
    })
    void anOkAnswerThatIsNotWhatWasAskedIsAMalformedResponse(String method, String path, String sample,
                                                              String verdict, String action, String faultField) {
        tenancy.guard(Map.of("CMK_GUARD_MODE", "remediate", "CMK_GUARD_KMS_KEY_ID", KEY_HSM));
        tenancy.emulator.faults().add(Fault.on(method, path).respond(200, "InternalServerError"));
        JsonNode r = tenancy.send(sample);
        assertEquals(verdict, r.path("verdict").asText(), r.toPrettyString());
        assertEquals(action, r.path("action").asText(), r.toPrettyString());
        assertEquals("MalformedResponse", r.path(faultField).path("code").asText(), r.toPrettyString());
        if (verdict.equals("ERROR")) {
            assertTrue(tenancy.writes().isEmpty(), "nothing is written on a malformed answer: " + tenancy.writes());
            assertTrue(tenancy.emulator.messages().isEmpty());
        }
    }

    /** Issue 18: a key whose deletion date is not a date is an answer OCI would not give, not a network fault. */
    @ParameterizedTest(name = "a key's timeOfDeletion of {0}, met by {1}")
    @CsvSource({
            "'tomorrow', keymanagementservice.schedulekeydeletion.end--in-use.json",
            "'2026-13-45T99:00:00Z', keymanagementservice.schedulekeydeletion.end--in-use.json",
            "'tomorrow', blockvolumes.createvolume.end--pending-deletion-key.json",
    })
    void aKeysDeletionDateThatIsNotADateIsAMalformedResponse(String date, String sample) {
        ObjectNode world = OciEmulator.demoWorld().toJson();
        world.path("keys").forEach(k -> {
            if (k.path("id").asText().equals("ocid1.key.oc1.iad.emuvault1.keypending")) {
                ((ObjectNode) k).put("timeOfDeletion", date);
            }
        });
        try (EmulatedTenancy pending = new EmulatedTenancy(World.parse(world.toString()))) {
            JsonNode r = pending.guard(Map.of("CMK_GUARD_MODE", "remediate", "CMK_GUARD_KMS_KEY_ID", KEY_HSM))
                    .send(sample);
            assertEquals("ERROR", r.path("verdict").asText(), r.toPrettyString());
            assertEquals("MalformedResponse", r.path("error").path("code").asText(), r.toPrettyString());
            assertTrue(r.path("error").path("message").asText().contains("GetKey"), r.toPrettyString());
            assertTrue(!r.toString().contains("could not reach OCI"), r.toPrettyString());
            assertTrue(pending.writes().isEmpty(), "nothing is written: " + pending.writes());
        }
    }
}
