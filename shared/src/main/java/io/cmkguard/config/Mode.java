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

    /**
     * The mode whose label is exactly this text (audit, notify, remediate): for values in invocation
     * bodies and tokens, where no case folding may turn a look-alike ("remedıate") into a mode.
     */
    public static Optional<Mode> ofLabel(String text) {
        for (Mode mode : values()) {
            if (mode.label().equals(text)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
