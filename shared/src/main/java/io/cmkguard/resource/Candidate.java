package io.cmkguard.resource;

/** A resource to check, as an event names it or a listing finds it: its type, id and compartment. */
public record Candidate(ResourceType type, String id, String compartmentId) {
}
