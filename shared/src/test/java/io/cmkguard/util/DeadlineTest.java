package io.cmkguard.util;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadlineTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void keepsATenthOfTheTimeLeftAsItsMarginBetweenHalfASecondAndFiveSeconds() {
        assertEquals(NOW.plusSeconds(27), Deadline.forInvocation(NOW.plusSeconds(30), CLOCK).at());
        assertEquals(NOW.plusSeconds(115), Deadline.forInvocation(NOW.plusSeconds(120), CLOCK).at());
        assertEquals(NOW.plusMillis(1500), Deadline.forInvocation(NOW.plusSeconds(2), CLOCK).at());
    }

    @Test
    void remainingIsNeverNegativeAndPassedOnceSpent() {
        Deadline spent = Deadline.forInvocation(NOW.plusMillis(300), CLOCK);
        assertEquals(Duration.ZERO, spent.remaining());
        assertTrue(spent.passed());
        Deadline open = Deadline.forInvocation(NOW.plusSeconds(10), CLOCK);
        assertEquals(Duration.ofSeconds(9), open.remaining());
        assertFalse(open.passed());
    }

    @Test
    void noDeadlineNeverPasses() {
        Deadline none = Deadline.none(CLOCK);
        assertFalse(none.passed());
        assertTrue(none.remaining().toDays() > 365);
    }
}
