package io.cmkguard.guard.sweep;

/** A sweep body that cannot be run as given: nothing was called. {@code code} names the problem. */
public final class BadSweepException extends RuntimeException {
    private final String code;

    public BadSweepException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
