package io.cmkguard.guard;

import com.fasterxml.jackson.databind.JsonNode;
import io.cmkguard.emulator.Fault;
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
}
