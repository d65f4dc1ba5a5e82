package io.cmkguard.guard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers findings published recently, so an event delivered twice (Events delivers at least
 * once) or a pair of events for one change (updatevolume and updatevolume.end) do not notify
 * twice. Per warm function instance: a different instance may still publish once more.
 */
public final class RecentFindings {
    private static final int CAPACITY = 10_000;

    private final Duration window;
    private final Clock clock;
    private final Map<String, Instant> published = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > CAPACITY;
        }
    };

    public RecentFindings(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    /** True if the same finding was published within the window. */
    public synchronized boolean seen(String fingerprint) {
        Instant at = published.get(fingerprint);
        return at != null && clock.instant().isBefore(at.plus(window));
    }

    public synchronized void remember(String fingerprint) {
        published.remove(fingerprint);
        published.put(fingerprint, clock.instant());
    }
}
