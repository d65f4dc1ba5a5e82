package io.cmkguard.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.cmkguard.util.Echo;

/**
 * The first, shape-independent stage of parsing: a JSON object with a bounded OCI eventType and
 * eventId. Enough to decide whether cmk-guard handles the event at all, before its data is looked at.
 */
public record EventEnvelope(String eventType, String eventId, JsonNode root) {

    /** data.resourceId as the body gave it, bounded, for answers that do not act on it; "" if absent. */
    public String resourceIdAsSent() {
        JsonNode id = root.path("data").path("resourceId");
        return id.isTextual() ? Echo.bounded(id.asText().trim()) : "";
    }
}
