package io.cmkguard.resource;

import com.oracle.bmc.model.BmcException;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.model.KeyFacts;
import io.cmkguard.resource.type.ResourceTypes;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyAssignmentTest {
    private static final KeyFacts KEY = new KeyFacts("ocid1.key.oc1.iad.v.k", true, "k", "ENABLED", "HSM",
            "ocid1.vault.oc1.iad.v", Optional.of("ACTIVE"), Optional.empty());

    private static OciCallException fault(int status, String code) {
        return new OciCallException("UpdateVolumeKmsKey ocid1.volume.x",
                new BmcException(status, code, "Authorization failed or requested resource not found", "req-1"));
    }

    @Test
    void theKeyRefusalNamesTheServiceGrant() {
        OciCallException e = KeyAssignment.explain(fault(404, "NotAuthorizedOrFoundKmsKey"), ResourceTypes.named("block-volume").orElseThrow(), KEY);
        assertEquals("MissingKeyGrant", e.code());
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("Missing: Allow service blockstorage to use keys in compartment <the"
                + " compartment of vault ocid1.vault.oc1.iad.v> where target.key.id = 'ocid1.key.oc1.iad.v.k'"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(opc-request-id req-1)"), e.getMessage());
    }

    @Test
    void aGenericNotFoundKeepsItsCodeButNamesTheLikelyGrant() {
        OciCallException e = KeyAssignment.explain(fault(404, "NotAuthorizedOrNotFound"), ResourceTypes.named("volume-backup").orElseThrow(), KEY);
        assertEquals("NotAuthorizedOrNotFound", e.code());
        assertTrue(e.getMessage().contains("likely cause is a missing grant: Allow service blockstorage"), e.getMessage());
    }

    @Test
    void otherFailuresAreUnchanged() {
        OciCallException conflict = fault(409, "IncorrectState");
        assertSame(conflict, KeyAssignment.explain(conflict, ResourceTypes.named("block-volume").orElseThrow(), KEY));
        OciCallException notFound = fault(404, "NotAuthorizedOrFoundKmsKey");
        assertEquals("NotAuthorizedOrFoundKmsKey", KeyAssignment.explain(notFound, ResourceTypes.named("block-volume-replica").orElseThrow(), KEY).code(),
                "a type with no key user has no grant to name");
    }
}
