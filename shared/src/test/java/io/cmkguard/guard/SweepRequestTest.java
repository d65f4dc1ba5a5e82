package io.cmkguard.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cmkguard.config.Mode;
import io.cmkguard.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sweep bodies and continuation tokens: pure parsing, no OCI. */
class SweepRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode sweep(String body) {
        return SweepRequest.sweepField(body).orElseThrow();
    }

    @Test
    void onlyAJsonObjectWithASweepFieldIsASweep() {
        assertTrue(SweepRequest.sweepField("{\"sweep\": {}}").isPresent());
        assertFalse(SweepRequest.sweepField("{\"eventType\": \"x\", \"data\": {}}").isPresent());
        assertFalse(SweepRequest.sweepField("not json").isPresent());
        assertFalse(SweepRequest.sweepField("[1]").isPresent());
    }

    @Test
    void everyFieldButTheCompartmentHasADefault() {
        SweepRequest r = SweepRequest.parse(sweep("{\"sweep\": {\"compartmentId\": \"ocid1.tenancy.oc1..t\"}}"));
        assertTrue(r.includeSubcompartments());
        assertEquals(SweepRequest.checkedTypes(), r.types());
        assertEquals(Optional.empty(), r.mode());
        assertTrue(r.maxRemediations().isEmpty());
        assertTrue(r.continuation().isEmpty());
    }

    @Test
    void typesKeepTheirOrderWithoutRepeats() {
        SweepRequest r = SweepRequest.parse(sweep("{\"sweep\": {\"compartmentId\": \"ocid1.compartment.oc1..c\","
                + " \"resourceTypes\": [\"database\", \"block-volume\", \"database\"], \"mode\": \"Remediate\","
                + " \"maxRemediations\": 3, \"includeSubcompartments\": false}}"));
        assertEquals(List.of("database", "block-volume"), r.types().stream().map(ResourceType::name).toList());
        assertEquals(Optional.of(Mode.REMEDIATE), r.mode());
        assertEquals(3, r.maxRemediations().getAsInt());
        assertFalse(r.includeSubcompartments());
    }

    @Test
    void replicasAreNotSweptOnTheirOwn() {
        BadSweepException e = assertThrows(BadSweepException.class, () -> SweepRequest.parse(sweep(
                "{\"sweep\": {\"compartmentId\": \"ocid1.tenancy.oc1..t\", \"resourceTypes\": [\"block-volume-replica\"]}}")));
        assertEquals("InvalidResourceTypes", e.code());
    }

    @Test
    void aContinuationRoundTripsAndRefusesWhatItDidNotWrite() {
        Continuation c = new Continuation("sweep-1", "ocid1.tenancy.oc1..t", true, SweepRequest.checkedTypes(),
                Optional.of(Mode.NOTIFY), 25, 4, 1, "ocid1.compartment.oc1..b", 2, "ocid1.volume.oc1.iad.x");
        assertEquals(c, Continuation.decode(c.encode()));

        assertEquals("InvalidContinuation", assertThrows(BadSweepException.class,
                () -> Continuation.decode("v2.abc")).code());
        String forged = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(new String(
                Base64.getUrlDecoder().decode(c.encode().substring(3)), StandardCharsets.UTF_8)
                .replace("\"writes\":4", "\"writes\":-100").getBytes(StandardCharsets.UTF_8));
        assertEquals("InvalidContinuation", assertThrows(BadSweepException.class,
                () -> Continuation.decode(forged)).code(), "a token may not buy extra remediations");
    }
}
