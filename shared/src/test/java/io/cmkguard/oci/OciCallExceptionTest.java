package io.cmkguard.oci;

import com.oracle.bmc.model.BmcException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OciCallExceptionTest {

    @Test
    void aServiceOrSdkMessageIsBoundedAndNeverCarriesTokenOrKeyText() {
        String message = "signing failed for keyId ST$eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln with key "
                + "-----BEGIN PRIVATE KEY----- MIIEvQIBADAN -----END PRIVATE KEY----- " + "x".repeat(5000);
        OciCallException e = new OciCallException("GetVolume ocid1.volume.oc1.iad.a",
                new BmcException(401, "NotAuthenticated", message, "req-1"));
        assertFalse(e.getMessage().contains("eyJ"), e.getMessage());
        assertFalse(e.getMessage().contains("MIIEvQIBADAN"), e.getMessage());
        assertFalse(e.getMessage().contains("BEGIN"), e.getMessage());
        assertTrue(e.getMessage().length() < 500, e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 401 NotAuthenticated"), e.getMessage());
        assertEquals("NotAuthenticated", e.code());
    }

    @Test
    void aMalformedAnswerIsItsOwnFault() {
        OciCallException e = OciCallException.malformedResponse("GetKey k", "it has no id");
        assertEquals("MalformedResponse", e.code());
        assertEquals(200, e.status());
        assertTrue(e.getMessage().contains("GetKey k answered 200 but not with the resource asked for: it has no id"));
    }
}
