package io.cmkguard.config;

import java.util.Locale;
import java.util.Optional;

/** What cmk-guard does with a non-compliant resource. */
public enum Mode {
    /** Log the decision only: no writes, no notifications. */
    AUDIT,
    /** Publish a finding to the ONS topic (the default). */
    NOTIFY,
    /** Assign the configured key in place, verify by re-reading, then notify what was done. */
    REMEDIATE;

    public static Optional<Mode> parse(String text) {
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
