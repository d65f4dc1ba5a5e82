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

    /** OCI documents OCIDs as at most 255 characters. */
    public static final int MAX_LENGTH = 255;

    private static final Pattern REALM = Pattern.compile("oc[0-9]+");
    private static final Pattern REGION = Pattern.compile("[a-z]{3}|[a-z]+(-[a-z]+)+-[0-9]+");

    /**
     * Why a value is not a well-formed OCID of a regional resource (shape, realm, region, length);
     * empty when it is one. Checked before an id is put into any request URL.
     */
    public static Optional<String> regionalProblem(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("it is empty");
        }
        if (value.length() > MAX_LENGTH) {
            return Optional.of("it is " + value.length() + " characters long (an OCID has at most " + MAX_LENGTH + ")");
        }
        Optional<Ocid> ocid = parse(value);
        if (ocid.isEmpty()) {
            return Optional.of("it is not shaped ocid1.<kind>.<realm>.<region>.<unique id>");
        }
        if (!REALM.matcher(ocid.get().realm()).matches()) {
            return Optional.of("its realm '" + ocid.get().realm() + "' is not an OCI realm (oc1, oc2, ...)");
        }
        if (!REGION.matcher(ocid.get().region()).matches()) {
            return Optional.of(ocid.get().region().isEmpty() ? "it names no region"
                    : "its region '" + ocid.get().region() + "' is not a region code or id (iad, us-ashburn-1)");
        }
        return Optional.empty();
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
