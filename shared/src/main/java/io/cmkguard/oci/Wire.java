package io.cmkguard.oci;

import com.oracle.bmc.http.internal.BmcEnum;
import io.cmkguard.util.Ocid;

import java.util.Map;

/** Turns SDK model values back into what OCI's REST API says. */
public final class Wire {
    private Wire() {
    }

    /** The wire value (AVAILABLE), not the SDK enum's Java name (Available); "" for none. */
    public static String value(BmcEnum value) {
        return value == null ? "" : value.getValue();
    }

    /** Freeform tags, never null. */
    public static Map<String, String> tags(Map<String, String> tags) {
        return tags == null ? Map.of() : tags;
    }

    /** The region id (us-ashburn-1) a resource OCID names; "" when it names none. */
    public static String regionOf(String ocid) {
        return Ocid.parse(ocid).flatMap(Ocid::regionId).orElse("");
    }
}
