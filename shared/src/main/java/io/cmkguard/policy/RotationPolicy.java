package io.cmkguard.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The key rotation rule (CIS OCI Foundations 3.16 / 4.16), as a pure function of what was read: a key is
 * compliant when its current version is at most {@code maxAgeDays} old, or when automatic rotation is on
 * with an interval within that age. A key with no readable version is judged by its own creation time,
 * which its current version cannot precede: young enough proves it, older proves nothing.
 */
public final class RotationPolicy {
    /** The config key of the maximum age, named here because the reasons name it. */
    public static final String KEY_MAX_AGE_DAYS = "CMK_GUARD_KEY_MAX_AGE_DAYS";
    /** The shortest interval OCI Vault accepts for automatic rotation (it accepts 60 to 365 days). */
    public static final int MIN_AUTO_INTERVAL_DAYS = 60;
    public static final int MAX_AUTO_INTERVAL_DAYS = 365;

    private final int maxAgeDays;

    public RotationPolicy(int maxAgeDays) {
        if (maxAgeDays < 1) {
            throw new IllegalArgumentException("the maximum key age must be at least one day: " + maxAgeDays);
        }
        this.maxAgeDays = maxAgeDays;
    }

    public Verdict judge(KeyRotation key, Instant now) {
        Optional<Instant> newest = key.currentVersionCreated().or(key::keyCreated);
        boolean knownYoung = newest.map(t -> !isOlderThanMax(t, now)).orElse(false);
        boolean autoWithin = key.autoRotationEnabled() && key.intervalDays().isPresent()
                && key.intervalDays().getAsInt() <= maxAgeDays;
        String age = age(key, newest, now);
        if (knownYoung || autoWithin) {
            return Verdict.compliant(autoWithin ? "automatic rotation is on, every " + key.intervalDays().getAsInt()
                    + " days (at most " + maxAgeDays + " allowed); " + age : age + ", within the " + maxAgeDays
                    + " days allowed (" + KEY_MAX_AGE_DAYS + ")");
        }
        List<String> reasons = new ArrayList<>();
        reasons.add(age + ": more than the " + maxAgeDays + " days allowed (" + KEY_MAX_AGE_DAYS
                + "), or not shown to be within them");
        reasons.add(autoRotation(key));
        return new Verdict(Status.NON_COMPLIANT, reasons, false,
                Optional.of("cmk-guard never rotates a key: rotating is a key owner's decision"), true);
    }

    /** The interval to propose for automatic rotation: the allowed age, within what OCI accepts; empty if none fits. */
    public Optional<Integer> proposedInterval() {
        int days = Math.min(maxAgeDays, MAX_AUTO_INTERVAL_DAYS);
        return days >= MIN_AUTO_INTERVAL_DAYS ? Optional.of(days) : Optional.empty();
    }

    private boolean isOlderThanMax(Instant created, Instant now) {
        return Duration.between(created, now).compareTo(Duration.ofDays(maxAgeDays)) > 0;
    }

    private static String age(KeyRotation key, Optional<Instant> newest, Instant now) {
        if (key.currentVersionCreated().isPresent()) {
            return "its current key version was created " + days(newest.get(), now) + " (" + newest.get() + ")";
        }
        return newest.map(t -> "no key version could be read, and the key was created " + days(t, now) + " (" + t
                + ")").orElse("neither its key versions nor its creation time could be read");
    }

    private String autoRotation(KeyRotation key) {
        if (!key.vaultOffersAutoRotation()) {
            return "its vault does not rotate keys on a schedule (only a virtual private vault does): rotate it by"
                    + " hand at least every " + maxAgeDays + " days";
        }
        if (!key.autoRotationEnabled()) {
            return "automatic rotation is off" + proposedInterval().map(d -> ": turn it on every " + d + " days")
                    .orElse(" (OCI rotates at most every " + MIN_AUTO_INTERVAL_DAYS + " days, more than the "
                            + maxAgeDays + " allowed: rotate by hand)");
        }
        return key.intervalDays().isEmpty() ? "automatic rotation is on, but its interval is not reported"
                : "automatic rotation is on, but every " + key.intervalDays().getAsInt() + " days, more than the "
                + maxAgeDays + " allowed";
    }

    private static String days(Instant t, Instant now) {
        long days = Duration.between(t, now).toDays();
        return days == 1 ? "1 day ago" : days + " days ago";
    }
}
