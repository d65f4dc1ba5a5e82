package io.cmkguard.oci;

import com.oracle.bmc.model.BmcException;

/**
 * An OCI API call failed after the SDK's retries. Carries what an operator needs to act: the
 * operation, HTTP status, OCI error code and the opc-request-id to quote to Oracle support.
 */
public final class OciCallException extends RuntimeException {
    private final String operation;
    private final int status;
    private final String code;
    private final String opcRequestId;

    public OciCallException(String operation, BmcException cause) {
        super(describe(operation, cause), cause);
        this.operation = operation;
        this.status = cause.getStatusCode();
        this.code = cause.isTimeout() ? "Timeout" : blankTo(cause.getServiceCode(), "ClientError");
        this.opcRequestId = blankTo(cause.getOpcRequestId(), "");
    }

    private OciCallException(String operation, String message) {
        super(operation + " answered 200 with something that is not what was asked: " + message);
        this.operation = operation;
        this.status = 200;
        this.code = MALFORMED_RESPONSE;
        this.opcRequestId = "";
    }

    /** The code of an answer that succeeded but is not what was asked (e.g. an error body with a 200). */
    public static final String MALFORMED_RESPONSE = "MalformedResponse";

    /** A successful answer that is not what was asked: never judged, always a fault. */
    public static OciCallException malformed(String operation, String what) {
        return new OciCallException(operation, what);
    }

    private static String describe(String operation, BmcException e) {
        if (e.isTimeout()) {
            return operation + " timed out: " + e.getUnmodifiedMessage();
        }
        if (e.getStatusCode() <= 0) {
            return operation + " could not reach OCI: " + e.getUnmodifiedMessage();
        }
        return operation + " failed with HTTP " + e.getStatusCode() + " " + e.getServiceCode() + ": "
                + e.getUnmodifiedMessage()
                + (e.getOpcRequestId() == null ? "" : " (opc-request-id " + e.getOpcRequestId() + ")");
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    public String operation() {
        return operation;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String opcRequestId() {
        return opcRequestId;
    }
}
