package io.cmkguard.model;


import io.cmkguard.util.Echo;

/**
 * A cross-region (or cross-AD) replica the service keeps of a resource, with its own key.
 *
 * @param fixCommand the exact OCI CLI command that sets a customer-managed key for this replica
 *                   (on its source: OCI cannot re-key a replica in place)
 */
public record Replica(String id, String displayName, String availabilityDomain, Encryption encryption,
                      String fixCommand) {
    public Replica {
        displayName = Echo.bounded(displayName); // shown only; the fix command carries the exact name
    }
}
