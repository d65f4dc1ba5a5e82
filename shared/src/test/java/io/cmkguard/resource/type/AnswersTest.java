package io.cmkguard.resource.type;

import com.oracle.bmc.core.model.Volume;
import com.oracle.bmc.keymanagement.model.Key;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.Wire;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The read boundary on SDK models: only the resource asked for, in a state OCI has, gets through. */
class AnswersTest {
    private static final String ID = "ocid1.volume.oc1.iad.a";

    private static Volume volume(String id, Volume.LifecycleState state, String compartment) {
        return Volume.builder().id(id).lifecycleState(state).compartmentId(compartment).build();
    }

    private static Volume checked(Volume v) {
        return Answers.checked("GetVolume " + ID, ID, v, Volume::getId, Volume::getLifecycleState,
                Volume::getCompartmentId);
    }

    @Test
    void theResourceAskedForGetsThrough() {
        Volume v = volume(ID, Volume.LifecycleState.Available, "ocid1.compartment.oc1..c");
        assertSame(v, checked(v));
    }

    @Test
    void aStateTheSdkDoesNotKnowIsBlankOnTheWire() {
        assertEquals(null, Wire.value(Key.LifecycleState.create("GARBAGE")));
    }

    @Test
    void anythingElseIsAMalformedResponse() {
        Volume[] wrong = {
                null,
                volume(null, Volume.LifecycleState.Available, "c"),
                volume("ocid1.volume.oc1.iad.other", Volume.LifecycleState.Available, "c"),
                volume(ID, null, "c"),
                volume(ID, Volume.LifecycleState.create("GARBAGE"), "c"),
                volume(ID, Volume.LifecycleState.Available, " ")};
        for (Volume v : wrong) {
            OciCallException e = assertThrows(OciCallException.class, () -> checked(v));
            assertEquals("MalformedResponse", e.code());
            assertEquals(200, e.status());
            assertTrue(e.getMessage().contains("GetVolume " + ID), e.getMessage());
        }
    }
}
