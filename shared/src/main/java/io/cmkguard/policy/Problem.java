package io.cmkguard.policy;

import java.util.Optional;

/**
 * One reason a resource is not compliant.
 *
 * @param blocker why assigning the configured key would not be safe or possible; empty when a
 *                re-key in place fixes this problem
 */
public record Problem(String reason, Optional<String> blocker) {

    static Problem fixable(String reason) {
        return new Problem(reason, Optional.empty());
    }

    static Problem blocked(String reason, String blocker) {
        return new Problem(reason, Optional.of(blocker));
    }
}
