package io.cmkguard.util;

import io.cmkguard.oci.KeyDirectory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OcidTest {

    @Test
    void parsesKindAndNormalisesRegionCodes() {
        Ocid o = Ocid.parse("ocid1.volume.oc1.iad.abc123").orElseThrow();
        assertEquals("volume", o.kind());
        assertEquals("us-ashburn-1", o.regionId().orElseThrow());
        assertEquals("us-phoenix-1", Ocid.parse("ocid1.key.oc1.phx.v.k").orElseThrow().regionId().orElseThrow());
        assertEquals("us-ashburn-1", Ocid.parse("ocid1.key.oc1.us-ashburn-1.v.k").orElseThrow().regionId().orElseThrow());
    }

    @Test
    void tenancyLevelOcidsHaveNoRegion() {
        assertTrue(Ocid.parse("ocid1.compartment.oc1..prod").orElseThrow().regionId().isEmpty());
    }

    @Test
    void rejectsNonOcids() {
        assertTrue(Ocid.parse("arn:aws:kms:us-east-1:1:key/x").isEmpty());
        assertTrue(Ocid.parse("").isEmpty());
        assertTrue(Ocid.parse(null).isEmpty());
    }

    @Test
    void keyOcidNamesItsVaultsManagementEndpoint() {
        assertEquals("https://emuvault1-management.kms.us-ashburn-1.oraclecloud.com",
                KeyDirectory.managementEndpoint("ocid1.key.oc1.iad.emuvault1.keyhsm").orElseThrow());
        assertTrue(KeyDirectory.managementEndpoint("ocid1.volume.oc1.iad.x").isEmpty());
    }
}
