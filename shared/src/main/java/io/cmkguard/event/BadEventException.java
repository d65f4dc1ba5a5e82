package io.cmkguard.event;

/**
 * The invocation body is not an OCI event cmk-guard can act on. Nothing was called, nothing changed.
 * Carries the eventType and eventId the body did hold (bounded), so the answer can be matched back.
 */
public final class BadEventException extends RuntimeException {
    private final String code;
    private final String eventType;
    private final String eventId;

    public BadEventException(String code, String message) {
        this(code, message, "", "");
    }

    public BadEventException(String code, String message, String eventType, String eventId) {
        super(message);
        this.code = code;
        this.eventType = eventType;
        this.eventId = eventId;
    }

    /** A stable, machine-readable reason, e.g. {@code MalformedJson}, {@code MissingResourceId}. */
    public String code() {
        return code;
    }

    /** The body's eventType if it had a usable one, else "". */
    public String eventType() {
        return eventType;
    }

    /** The body's eventID if it had a usable one, else "". */
    public String eventId() {
        return eventId;
    }
}
