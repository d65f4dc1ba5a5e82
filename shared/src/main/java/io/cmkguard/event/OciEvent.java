package io.cmkguard.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * An OCI Events message (CloudEvents 0.1 envelope) reduced to what cmk-guard uses. Events carry no
 * key: the resource is always re-read.
 */
public record OciEvent(
        String eventType,
        String eventId,
        String eventTime,
        String source,
        String compartmentId,
        String compartmentName,
        String resourceId,
        String resourceName,
        String availabilityDomain,
        Map<String, String> freeformTags,
        JsonNode additionalDetails) {
}
