package io.cmkguard.policy;

import java.util.List;
import java.util.Optional;

/**
 * What the policy concluded about one resource.
 *
 * @param reasons       human sentences, most important first
 * @param downgrade     the resource came from a CMK-encrypted source but is itself not on a CMK
 * @param blocker       why the key may not be changed in place, if it may not
 * @param ownKeyFails   the resource's own key is the (or a) problem, so putting it on another key
 *                      is part of the fix (false when only a replica or a key removal is at fault)
 */
public record Verdict(Status status, List<String> reasons, boolean downgrade, Optional<String> blocker,
                      boolean ownKeyFails) {

    public Verdict {
        reasons = List.copyOf(reasons);
    }

    public static Verdict compliant(String reason) {
        return new Verdict(Status.COMPLIANT, List.of(reason), false, Optional.empty(), false);
    }

    public static Verdict exempt(String reason) {
        return new Verdict(Status.EXEMPT, List.of(reason), false, Optional.of("the resource is exempt"), false);
    }

    public boolean remediable() {
        return status == Status.NON_COMPLIANT && blocker.isEmpty();
    }
}
