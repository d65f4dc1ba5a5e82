package io.cmkguard.util;

import com.oracle.bmc.Region;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Oracle Cloud ID, {@code ocid1.<kind>.<realm>.<region>.<unique>}. The region part is empty for
 * tenancies and compartments; for keys the unique part starts with the vault's endpoint prefix.
 */
public record Ocid(String value, String kind, String realm, String region, String unique) {

    private static final Pattern SHAPE =
            Pattern.compile("ocid1\\.([a-z0-9]+)\\.([a-z0-9]+)\\.([a-z0-9-]*)\\.([A-Za-z0-9._-]+)");

    public static Optional<Ocid> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(value.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Ocid(value.trim(), m.group(1), m.group(2), m.group(3), m.group(4)));
    }

    public static String kindOf(String value) {
        return parse(value).map(Ocid::kind).orElse("");
    }

    /** The region id (e.g. us-ashburn-1) this OCID lives in, normalising short codes like iad. */
    public Optional<String> regionId() {
        return regionIdOf(region);
    }

    /** Normalises a region code or id ("iad", "us-ashburn-1") to its id; unknown regions stay as given. */
    public static Optional<String> regionIdOf(String codeOrId) {
        if (codeOrId == null || codeOrId.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Region.fromRegionCodeOrId(codeOrId).getRegionId());
        } catch (IllegalArgumentException e) {
            return Optional.of(codeOrId.toLowerCase());
        }
    }
}
