package io.cmkguard.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An exemption granted by a freeform tag: {@code true} for good, or a date (YYYY-MM-DD, UTC)
 * until the end of which the resource is exempt.
 */
public final class Exemption {
    private Exemption() {
    }

    /** Why the resource is exempt; empty if it is not. Notes about ignored tags go to {@code notes}. */
    public static Optional<String> check(Map<String, String> tags, String tagName, Instant now,
                                         java.util.List<String> notes) {
        String value = tags.get(tagName);
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("yes")) {
            return Optional.of("exempt by freeform tag " + tagName + "=" + value);
        }
        if (v.equals("false") || v.equals("no") || v.isEmpty()) {
            return Optional.empty();
        }
        try {
            LocalDate until = LocalDate.parse(v);
            Instant end = until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (now.isBefore(end)) {
                return Optional.of("exempt by freeform tag " + tagName + " until " + until + " (UTC)");
            }
            notes.add("the exemption (tag " + tagName + ") expired on " + until);
        } catch (DateTimeParseException e) {
            notes.add("the tag " + tagName + "='" + value + "' is neither true nor a date (YYYY-MM-DD), so it"
                    + " grants no exemption");
        }
        return Optional.empty();
    }
}
