package io.cmkguard.event;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Recognises JSON that reached the function by a wrong route (a Monitoring alarm's topic, a Connector
 * Hub from Logging, an AWS rule) and says what it is and how to send OCI events instead.
 */
final class ForeignBody {
    private static final String ROUTE_EVENTS = "create an OCI Events rule with the condition in events/rules/"
            + " and this function as its action, so each resource change arrives as one event";

    private ForeignBody() {
    }

    /** The error for an object without eventType: specific when its shape is recognised. */
    static BadEventException withoutEventType(JsonNode root, String eventId) {
        if (root.has("alarmMetaData") || root.has("dedupeKey")) {
            return new BadEventException("MisroutedAlarm", "this is an OCI Monitoring alarm message, not an OCI"
                    + " event: an alarm says a metric crossed a threshold and names no resource to check."
                    + " Send the alarm's topic to people, and " + ROUTE_EVENTS, "", eventId);
        }
        if (root.path("oracle").has("logid") || root.path("oracle").has("loggroupid")
                || (root.has("results") && root.has("summary")) || root.has("specversion")) {
            return new BadEventException("MisroutedLogRecord", "this is an OCI Logging record or search result"
                    + " (e.g. from a Connector Hub with a Logging source), not an OCI event. To check resources"
                    + " as they change, " + ROUTE_EVENTS, "", eventId);
        }
        if (root.has("detail-type") || root.path("source").asText().startsWith("aws.")) {
            return new BadEventException("NotAnOciEvent", "no eventType: this is not an OCI Events message"
                    + " (it looks like an AWS EventBridge event)", "", eventId);
        }
        return new BadEventException("NotAnOciEvent", "no eventType: this is not an OCI Events message; "
                + ROUTE_EVENTS, "", eventId);
    }
}
