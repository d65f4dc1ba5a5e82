package io.cmkguard.launcher;

import java.util.Arrays;

/** Checks that an option names an OCID of the right kind, so a swapped argument fails before any call. */
final class Ocids {
    private Ocids() {
    }

    static String require(String option, String value, String... kinds) {
        String kind = value.startsWith("ocid1.") ? value.split("\\.", 3)[1] : "";
        if (Arrays.asList(kinds).contains(kind) && value.split("\\.").length >= 4) {
            return value;
        }
        throw new UsageException(option + " must be an OCID of a " + String.join(" or ", kinds)
                + " (ocid1." + kinds[0] + ".oc1...), not '" + value + "'");
    }
}
