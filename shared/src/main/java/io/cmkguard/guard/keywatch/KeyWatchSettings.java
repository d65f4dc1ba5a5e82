package io.cmkguard.guard.keywatch;

import io.cmkguard.config.Mode;
import io.cmkguard.config.SweepLimits;
import io.cmkguard.config.WatchSettings;

import java.time.Duration;

/** What the key-health watch reads: the mode, how long a repeated alert stays quiet, its search's limits. */
public record KeyWatchSettings(Mode mode, Duration dedupWindow, SweepLimits sweep, WatchSettings watch) {
}
