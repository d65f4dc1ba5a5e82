package io.cmkguard.guard;

import io.cmkguard.config.SweepLimits;
import io.cmkguard.config.WatchSettings;
import io.cmkguard.policy.PolicySettings;

/** What the Vault key rotation check reads: the age limit, the key rules, its users' search and links. */
public record KeyRotationSettings(int keyMaxAgeDays, PolicySettings policy, SweepLimits sweep, WatchSettings watch,
                                  String consoleUrl) {
}
