package io.cmkguard.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.cmkguard.util.Echo;
import io.cmkguard.util.Ocid;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Parses the invocation body into an {@link OciEvent}, or says exactly why it cannot, in two stages:
 * {@link #envelope} (strict JSON, a bounded OCI eventType and eventId) and {@link #event} (the
 * resource it names, a well-formed OCID). Between the two the caller decides whether it handles the
 * event type at all, so an unhandled event is ignored whatever its data looks like.
 */
public final class EventParser {
    private static final Pattern EVENT_TYPE = Pattern.compile("com\\.oraclecloud\\.[A-Za-z0-9._-]+");
    private static final int BATCH_IDS_NAMED = 5;

    private EventParser() {
    }

    /** Both stages at once, for an event that names a regional OCID. */
    public static OciEvent parse(String body) {
        return event(envelope(body));
    }

    public static EventEnvelope envelope(String body) {
        if (body == null || body.isBlank()) {
            throw new BadEventException("EmptyBody", "the invocation body is empty: expected an OCI event (JSON)");
        }
        return envelope(StrictJson.read(body));
    }

    /** The envelope of a body already read by {@link StrictJson#read}: the one parse every body gets. */
    public static EventEnvelope envelope(JsonNode root) {
        if (root.isArray()) {
            throw batch(root);
        }
        if (!root.isObject()) {
            throw new BadEventException("NotAnEvent", "the invocation body is JSON but not an object: expected"
                    + " an OCI event envelope with eventType and data");
        }
        String eventId = eventId(root);
        if (firstText(root, "eventID", "eventId").length() > EventLimits.MAX_EVENT_ID_CHARS) {
            throw new BadEventException("EventIdTooLong", "eventID is " + firstText(root, "eventID", "eventId")
                    .length() + " characters long; OCI event ids are UUIDs (limit " + EventLimits.MAX_EVENT_ID_CHARS
                    + ")", "", eventId);
        }
        JsonNode eventType = root.path("eventType");
        if (eventType.isMissingNode() || eventType.isNull()) {
            throw ForeignBody.withoutEventType(root, eventId);
        }
        if (!eventType.isTextual() || eventType.asText().isBlank()) {
            throw new BadEventException("NotAnOciEvent", "eventType must be a non-empty string, got a "
                    + eventType.getNodeType().name().toLowerCase(), "", eventId);
        }
        String type = eventType.asText();
        if (type.length() > EventLimits.MAX_EVENT_TYPE_CHARS) {
            throw new BadEventException("EventTypeTooLong", "eventType is " + type.length()
                    + " characters long; OCI event types are short (limit " + EventLimits.MAX_EVENT_TYPE_CHARS + ")",
                    Echo.bounded(type, 64), eventId);
        }
        if (!EVENT_TYPE.matcher(type).matches()) {
            throw new BadEventException("NotAnOciEvent", "eventType '" + Echo.bounded(type, 80)
                    + "' is not an OCI event type (they start with com.oraclecloud. and hold only letters,"
                    + " digits, dots, dashes and underscores)", Echo.bounded(type), eventId);
        }
        return new EventEnvelope(type, eventId, root);
    }

    /** The resource the event names, a regional OCID; only for event types the caller handles. */
    public static OciEvent event(EventEnvelope envelope) {
        return event(envelope, ResourceIdRule.REGIONAL_OCID);
    }

    /** The resource the event names, as the event type's own rule takes its resourceId. */
    public static OciEvent event(EventEnvelope envelope, ResourceIdRule rule) {
        JsonNode root = envelope.root();
        String eventType = envelope.eventType();
        JsonNode data = root.path("data");
        if (!data.isObject()) {
            throw bad(envelope, "MissingData", "event " + eventType + " has no data object, so no resource to check");
        }
        String resourceId = resourceId(envelope, data, rule);
        Optional<String> problem = resourceId.isEmpty() ? Optional.empty() : rule.problem(resourceId);
        if (problem.isPresent()) {
            throw bad(envelope, "InvalidResourceId", "event " + eventType + " names data.resourceId '"
                    + Echo.bounded(resourceId, 80) + "', which is " + problem.get());
        }
        String compartmentId = text(data, "compartmentId");
        if (compartmentId.isBlank()) {
            compartmentId = text(root.path("extensions"), "compartmentId");
        }
        compartmentId = compartmentId.trim();
        if (!compartmentId.isEmpty() && !isCompartment(compartmentId)) {
            throw bad(envelope, "InvalidCompartmentId", "event " + eventType + " names compartmentId '"
                    + Echo.bounded(compartmentId, 80) + "', which is not a compartment or tenancy OCID");
        }
        return new OciEvent(
                eventType,
                envelope.eventId(),
                Echo.bounded(text(root, "eventTime")),
                Echo.bounded(text(root, "source")),
                compartmentId,
                Echo.bounded(text(data, "compartmentName")),
                resourceId,
                Echo.bounded(text(data, "resourceName")),
                Echo.bounded(text(data, "availabilityDomain")),
                tags(firstPresent(data, "freeformTags", "freeFormTags")),
                data.path("additionalDetails").isObject() ? data.path("additionalDetails") : MissingNode.getInstance());
    }

    private static String resourceId(EventEnvelope envelope, JsonNode data, ResourceIdRule rule) {
        JsonNode value = data.path("resourceId");
        boolean absent = value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isBlank());
        if (absent && rule.optional()) {
            return "";
        }
        if (absent) {
            String legacy = data.has("id") ? " (it has data.id: a 2019-style payload, which OCI no longer sends"
                    + " for this event type)" : "";
            throw bad(envelope, "MissingResourceId", "event " + envelope.eventType()
                    + " has no data.resourceId, so no resource to check" + legacy);
        }
        if (!value.isTextual()) {
            throw bad(envelope, "InvalidResourceId", "event " + envelope.eventType()
                    + " has a data.resourceId that is not a string but a " + value.getNodeType().name().toLowerCase());
        }
        return value.asText().trim();
    }

    private static BadEventException bad(EventEnvelope envelope, String code, String message) {
        return new BadEventException(code, message, envelope.eventType(), envelope.eventId());
    }

    /** The body's event id, cut to what an answer may echo. */
    private static String eventId(JsonNode root) {
        return Echo.bounded(firstText(root, "eventID", "eventId"), EventLimits.MAX_EVENT_ID_CHARS);
    }

    /** A Connector Hub batch: one event per invocation is the contract, so none is checked. */
    private static BadEventException batch(JsonNode array) {
        String ids = StreamSupport.stream(array.spliterator(), false)
                .filter(JsonNode::isObject)
                .map(EventParser::eventId)
                .filter(id -> !id.isBlank())
                .limit(BATCH_IDS_NAMED)
                .collect(Collectors.joining(", "));
        return new BadEventException("NotAnEvent", "the invocation body is a JSON array of " + array.size()
                + " values (a batch, as a Connector Hub delivers), not one OCI event: none was checked"
                + (ids.isEmpty() ? "" : " (eventIDs " + ids + (array.size() > BATCH_IDS_NAMED ? ", …" : "") + ")")
                + ". cmk-guard takes one event per invocation: invoke it from an OCI Events rule"
                + " (events/rules/), which delivers events one by one");
    }

    private static boolean isCompartment(String id) {
        return id.length() <= Ocid.MAX_LENGTH && Ocid.parse(id)
                .map(o -> o.kind().equals("compartment") || o.kind().equals("tenancy")).orElse(false);
    }

    /** A field's text when it is a string, number or boolean; "" otherwise. */
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
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext()
                && tags.size() < EventLimits.MAX_TAGS; ) {
            Map.Entry<String, JsonNode> e = it.next();
            tags.put(Echo.bounded(e.getKey()), Echo.bounded(e.getValue().asText()));
        }
        return Map.copyOf(tags);
    }
}
