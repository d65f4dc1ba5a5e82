package io.cmkguard.event;

/** The invocation body is not an OCI event cmk-guard can act on. Nothing was called, nothing changed. */
public final class BadEventException extends RuntimeException {
    private final String code;

    public BadEventException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A stable, machine-readable reason, e.g. {@code MalformedJson}, {@code MissingResourceId}. */
    public String code() {
        return code;
    }
}
