package io.cmkguard.config;

import com.oracle.bmc.Region;
import io.cmkguard.util.Ocid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The configuration against the region the function signs for (its own, or the config file's): the
 * region must be one OCI has unless every call goes to an endpoint override, and a remediation key
 * must live in that region (OCI uses a Vault key only in its own region).
 */
public final class RegionCheck {
    private RegionCheck() {
    }

    public static List<String> problems(GuardConfig config, Optional<String> functionRegion) {
        List<String> problems = new ArrayList<>();
        Optional<String> given = functionRegion.map(String::trim).filter(r -> !r.isEmpty());
        if (given.isEmpty()) {
            if (config.endpoint().isEmpty()) {
                problems.add("no region: set " + GuardConfig.REGION + " (OCI Functions sets " + GuardConfig.RP_REGION
                        + "; a config file names it as region=)");
            }
            return problems;
        }
        Optional<String> real = realRegionId(given.get());
        if (real.isEmpty() && config.endpoint().isEmpty()) {
            problems.add(notARegion(given.get()));
            return problems;
        }
        String function = real.orElse(given.get().toLowerCase(Locale.ROOT));
        config.remediationKeyId().flatMap(key -> keyProblem(GuardConfig.KMS_KEY_ID, key, function))
                .ifPresent(problems::add);
        config.remediationKeyByCompartment().forEach((compartment, key) ->
                keyProblem(GuardConfig.KMS_KEY_BY_COMPARTMENT + " (for " + compartment + ")", key, function)
                        .ifPresent(problems::add));
        return problems;
    }

    /** The region id of a region code or id the OCI SDK knows; empty for anything else. */
    static Optional<String> realRegionId(String codeOrId) {
        try {
            return Optional.of(Region.fromRegionCodeOrId(codeOrId.trim()).getRegionId());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String notARegion(String region) {
        return "the region '" + Strings.shown(region) + "' (from " + GuardConfig.REGION + ", " + GuardConfig.RP_REGION
                + " or the config file) is not an OCI region: use a region id such as us-ashburn-1";
    }

    private static Optional<String> keyProblem(String where, String keyId, String functionRegion) {
        String keyRegion = Ocid.parse(keyId).flatMap(Ocid::regionId).orElse("");
        if (keyRegion.equals(functionRegion)) {
            return Optional.empty();
        }
        return Optional.of(where + " names a key in " + (keyRegion.isEmpty() ? "no region" : keyRegion)
                + " but the function runs in " + functionRegion + ": OCI uses a Vault key only in its own"
                + " region, so every re-key would fail. Use a key (or a replicated vault's key) in "
                + functionRegion);
    }
}
