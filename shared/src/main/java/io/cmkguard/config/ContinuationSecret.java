package io.cmkguard.config;

import java.util.Optional;

/**
 * The keys a sweep's continuation tokens are signed with (HMAC-SHA256), from the function config: the
 * current one signs and verifies, the previous one only verifies, so a key can be rotated without
 * breaking the sweeps in flight. Neither is ever shown: not by toString, not in a problem.
 *
 * @param current  CMK_GUARD_CONTINUATION_KEY; empty: each function instance generates its own
 * @param previous CMK_GUARD_CONTINUATION_KEY_PREVIOUS, accepted until it is removed
 */
public record ContinuationSecret(Optional<String> current, Optional<String> previous) {
    /** A key shorter than this is too easy to guess (32 random characters are about 190 bits). */
    public static final int MIN_CHARS = 32;

    public static final ContinuationSecret NONE = new ContinuationSecret(Optional.empty(), Optional.empty());

    @Override
    public String toString() {
        return "ContinuationSecret[" + (current.isPresent() ? "configured" : "per instance")
                + (previous.isPresent() ? ", with a previous key" : "") + "]";
    }
}
