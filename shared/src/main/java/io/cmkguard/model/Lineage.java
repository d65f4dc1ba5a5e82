package io.cmkguard.model;

/**
 * Where a resource came from: OCI falls back to the Oracle-managed key for clones, restores,
 * replica activations and backup copies unless a key is passed, so the source's key matters.
 *
 * @param relation how it was made, as a phrase: "cloned from", "restored from", ...
 * @param sourceId the source resource's OCID
 */
public record Lineage(String relation, String sourceId) {
}
