package io.cmkguard.oci;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestPaceTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong(1_000_000 * MS);
    private final RequestPace pace = new RequestPace(now::get);

    /** n requests spread evenly over the second before now. */
    private void sendOverTheLastSecond(int n) {
        long end = now.get();
        now.addAndGet(-1_000 * MS + 1);
        for (int i = 0; i < n; i++) {
            assertEquals(0, pace.reserve(), "unpaced: every request goes at once");
            now.addAndGet(1_000 * MS / n);
        }
        now.set(end);
    }

    @Test
    void aClientNeverRefusedIsNeverHeld() {
        for (int i = 0; i < 5_000; i++) {
            assertEquals(0, pace.reserve());
        }
        assertEquals(0, pace.perSecond());
    }

    @Test
    void aRefusalAtALowVolumePacesNothing() {
        sendOverTheLastSecond(RequestPace.BUSY - 1);
        pace.refused();
        assertEquals(0, pace.perSecond());
        assertEquals(0, pace.reserve());
        assertEquals(0, pace.reserve());
    }

    @Test
    void aBusyClientRefusedIsHeldToNinetyPercentOfWhatItSentAndRequestsAreSpacedEvenly() {
        sendOverTheLastSecond(200);
        pace.refused();
        assertEquals(180, pace.perSecond(), 0.001);

        long spacing = 1_000 * MS / 180;
        assertEquals(0, pace.reserve(), "the first goes now");
        for (int i = 1; i <= 50; i++) { // fifty threads asking at the same instant
            long wait = pace.reserve();
            assertTrue(Math.abs(wait - i * spacing) <= i, "request " + i + " waits " + wait);
        }
    }

    @Test
    void thePacedRateClimbsWhileNothingIsRefusedAndEndsAfterAQuietSpell() {
        sendOverTheLastSecond(100);
        pace.refused();
        now.addAndGet(20_000 * MS);
        pace.reserve();
        long wait = pace.reserve(); // 90 a second, 0.5 % more each of the 20 seconds since
        assertEquals(1e9 / (90 * Math.pow(1.005, 20)), wait, 1e3);

        now.addAndGet(RequestPace.QUIET.toMillis() * MS + 1);
        assertEquals(0, pace.reserve());
        assertEquals(0, pace.reserve(), "no longer paced");
        assertEquals(0, pace.perSecond());
    }

    @Test
    void aRefusalWhilePacedHoldsTheClientToWhatItSentThen() {
        sendOverTheLastSecond(200);
        pace.refused(); // 180 a second
        for (int i = 0; i < 170; i++) { // the next second at the paced rate
            long wait = pace.reserve();
            now.addAndGet(Math.max(wait, 1_000 * MS / 170));
        }
        pace.refused(); // still refused: the pace follows what was sent, down
        assertTrue(pace.perSecond() < 180, "" + pace.perSecond());
        assertTrue(pace.perSecond() >= 0.9 * 150, "" + pace.perSecond());
    }
}
