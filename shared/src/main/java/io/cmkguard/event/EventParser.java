package io.cmkguard.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses the invocation body into an {@link OciEvent}, or says exactly why it cannot. */
public final class EventParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventParser() {
    }

    public static OciEvent parse(String body) {
        if (body == null || body.isBlank()) {
            throw new BadEventException("EmptyBody", "the invocation body is empty: expected an OCI event (JSON)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadEventException("MalformedJson", "the invocation body is not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new BadEventException("NotAnEvent", "the invocation body is JSON but not an object: expected"
                    + " an OCI event envelope with eventType and data");
        }
        JsonNode eventType = root.path("eventType");
        if (eventType.isMissingNode() || eventType.isNull()) {
            throw new BadEventException("NotAnOciEvent", "no eventType: this is not an OCI Events message"
                    + describeForeign(root));
        }
        if (!eventType.isTextual() || eventType.asText().isBlank()) {
            throw new BadEventException("NotAnOciEvent", "eventType must be a non-empty string, got " + eventType);
        }
        if (!eventType.asText().startsWith("com.oraclecloud.")) {
            throw new BadEventException("NotAnOciEvent", "eventType '" + eventType.asText()
                    + "' is not an OCI event type (they start with com.oraclecloud.)");
        }
        JsonNode data = root.path("data");
        if (!data.isObject()) {
            throw new BadEventException("MissingData", "event " + eventType.asText()
                    + " has no data object, so no resource to check");
        }
        String resourceId = text(data, "resourceId");
        if (resourceId.isBlank()) {
            throw new BadEventException("MissingResourceId", "event " + eventType.asText()
                    + " has no data.resourceId, so no resource to check");
        }
        String compartmentId = text(data, "compartmentId");
        if (compartmentId.isBlank()) {
            compartmentId = text(root.path("extensions"), "compartmentId");
        }
        return new OciEvent(
                eventType.asText(),
                firstText(root, "eventID", "eventId"),
                text(root, "eventTime"),
                text(root, "source"),
                compartmentId,
                text(data, "compartmentName"),
                resourceId.trim(),
                text(data, "resourceName"),
                text(data, "availabilityDomain"),
                tags(firstPresent(data, "freeformTags", "freeFormTags")),
                data.path("additionalDetails").isObject() ? data.path("additionalDetails") : MissingNode.getInstance());
    }

    private static String describeForeign(JsonNode root) {
        if (root.has("detail-type") || root.path("source").asText().startsWith("aws.")) {
            return " (it looks like an AWS EventBridge event)";
        }
        return "";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (!value.isBlank()) {
                return value;
            }
        }
        return "";
    }

    // The docs spell it freeFormTags, real events freeformTags.
    private static JsonNode firstPresent(JsonNode node, String... fields) {
        for (String field : fields) {
            if (node.path(field).isObject()) {
                return node.path(field);
            }
        }
        return MissingNode.getInstance();
    }

    private static Map<String, String> tags(JsonNode node) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            tags.put(e.getKey(), e.getValue().asText());
        }
        return Map.copyOf(tags);
    }
}
