package io.cmkguard.config;

import java.util.Optional;

/**
 * The key-health watch's settings from the function config.
 *
 * @param compartmentId  where to look for a key's users (with its subcompartments); empty: the tenancy
 *                       of the key's compartment, found through Identity
 * @param noteUnusedKeys whether a key no resource uses still gets a short, low-severity note
 */
public record WatchSettings(Optional<String> compartmentId, boolean noteUnusedKeys) {
}
