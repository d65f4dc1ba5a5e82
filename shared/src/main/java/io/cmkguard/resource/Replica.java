package io.cmkguard.resource;

/** A cross-region (or cross-AD) replica the service keeps of a resource, with its own key. */
public record Replica(String id, String displayName, String availabilityDomain, Encryption encryption) {
}
