package io.cmkguard.policy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rotation rule: age boundaries, automatic rotation below and above the limit, no versions; the clock is given. */
class RotationPolicyTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final String KEY = "ocid1.key.oc1.iad.v.k";
    private final RotationPolicy policy = new RotationPolicy(365);

    private static KeyRotation key(Optional<Instant> created, Optional<Instant> version, boolean auto,
                                   OptionalInt interval, boolean virtualPrivate) {
        return new KeyRotation(KEY, created, version, auto, interval, virtualPrivate);
    }

    private static KeyRotation versionAged(Duration age) {
        return key(Optional.of(NOW.minus(Duration.ofDays(1000))), Optional.of(NOW.minus(age)), false,
                OptionalInt.empty(), true);
    }

    @Test
    void aVersionExactlyAtTheMaximumAgeIsCompliantAndOneSecondOlderIsNot() {
        assertEquals(Status.COMPLIANT, policy.judge(versionAged(Duration.ofDays(365)), NOW).status());
        Verdict old = policy.judge(versionAged(Duration.ofDays(365).plusSeconds(1)), NOW);
        assertEquals(Status.NON_COMPLIANT, old.status());
        assertTrue(old.reasons().get(0).startsWith("its current key version was created 365 days ago"),
                old.reasons().get(0));
        assertTrue(old.reasons().get(0).contains("CMK_GUARD_KEY_MAX_AGE_DAYS"));
        assertEquals("automatic rotation is off: turn it on every 365 days", old.reasons().get(1));
        assertTrue(old.blocker().orElseThrow().contains("never rotates"), "findings only: never remediated");
    }

    @Test
    void theCurrentVersionCountsNotTheKeysCreation() {
        Verdict rotated = policy.judge(versionAged(Duration.ofDays(10)), NOW);
        assertEquals(Status.COMPLIANT, rotated.status());
        assertTrue(rotated.reasons().get(0).contains("10 days ago"), rotated.reasons().get(0));
    }

    @Test
    void automaticRotationWithinTheAgeMakesAnOldVersionCompliant() {
        KeyRotation auto = key(Optional.of(NOW.minus(Duration.ofDays(900))), Optional.of(NOW.minus(Duration.ofDays(400))),
                true, OptionalInt.of(90), true);
        Verdict v = policy.judge(auto, NOW);
        assertEquals(Status.COMPLIANT, v.status());
        assertTrue(v.reasons().get(0).startsWith("automatic rotation is on, every 90 days"), v.reasons().get(0));
    }

    @Test
    void automaticRotationAtTheMaximumIsWithinAndAboveItIsNot() {
        RotationPolicy ninety = new RotationPolicy(90);
        Optional<Instant> old = Optional.of(NOW.minus(Duration.ofDays(200)));
        assertEquals(Status.COMPLIANT, ninety.judge(key(old, old, true, OptionalInt.of(90), true), NOW).status());
        Verdict slow = ninety.judge(key(old, old, true, OptionalInt.of(180), true), NOW);
        assertEquals(Status.NON_COMPLIANT, slow.status());
        assertEquals("automatic rotation is on, but every 180 days, more than the 90 allowed", slow.reasons().get(1));
    }

    @Test
    void autoRotationWithoutAReportedIntervalProvesNothing() {
        Optional<Instant> old = Optional.of(NOW.minus(Duration.ofDays(500)));
        Verdict v = policy.judge(key(old, old, true, OptionalInt.empty(), true), NOW);
        assertEquals(Status.NON_COMPLIANT, v.status());
        assertEquals("automatic rotation is on, but its interval is not reported", v.reasons().get(1));
    }

    @Test
    void aDefaultVaultsKeyIsToldToRotateByHand() {
        Optional<Instant> old = Optional.of(NOW.minus(Duration.ofDays(500)));
        Verdict v = policy.judge(key(old, old, false, OptionalInt.empty(), false), NOW);
        assertEquals(Status.NON_COMPLIANT, v.status());
        assertTrue(v.reasons().get(1).startsWith("its vault does not rotate keys on a schedule"), v.reasons().get(1));
    }

    @Test
    void withNoVersionTheKeysCreationBoundsTheAgeOneWayOnly() {
        KeyRotation young = key(Optional.of(NOW.minus(Duration.ofDays(30))), Optional.empty(), false,
                OptionalInt.empty(), true);
        assertEquals(Status.COMPLIANT, policy.judge(young, NOW).status(), "no version can be older than its key");
        KeyRotation old = key(Optional.of(NOW.minus(Duration.ofDays(400))), Optional.empty(), false,
                OptionalInt.empty(), true);
        Verdict v = policy.judge(old, NOW);
        assertEquals(Status.NON_COMPLIANT, v.status());
        assertTrue(v.reasons().get(0).startsWith("no key version could be read, and the key was created 400 days ago"),
                v.reasons().get(0));
        KeyRotation nothing = key(Optional.empty(), Optional.empty(), false, OptionalInt.empty(), true);
        assertEquals(Status.NON_COMPLIANT, policy.judge(nothing, NOW).status());
    }

    @Test
    void theProposedIntervalIsWhatOciAccepts() {
        assertEquals(Optional.of(365), new RotationPolicy(3650).proposedInterval());
        assertEquals(Optional.of(90), new RotationPolicy(90).proposedInterval());
        assertEquals(Optional.empty(), new RotationPolicy(30).proposedInterval());
        assertTrue(new RotationPolicy(30).judge(key(Optional.of(NOW.minus(Duration.ofDays(40))), Optional.empty(),
                false, OptionalInt.empty(), true), NOW).reasons().get(1).contains("rotate by hand"));
        assertThrows(IllegalArgumentException.class, () -> new RotationPolicy(0));
    }
}
