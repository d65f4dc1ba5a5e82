package io.cmkguard.oci;

import com.oracle.bmc.model.BmcException;
import io.cmkguard.oci.http.HttpTransportException;
import io.cmkguard.util.Echo;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An OCI API call failed after the SDK's retries. Carries what an operator needs to act: the
 * operation, HTTP status, OCI error code and the opc-request-id to quote to Oracle support.
 */
public final class OciCallException extends RuntimeException {
    private final String operation;
    private final int status;
    private final String code;
    private final String opcRequestId;
    private final List<String> listedBefore;

    public OciCallException(String operation, BmcException cause) {
        super(unreadableAnswer(cause).map(a -> malformed(operation, a.unreadableAnswerStatus(), a.getMessage()))
                .orElseGet(() -> describe(operation, cause)), cause);
        this.operation = operation;
        this.status = unreadableAnswer(cause).map(HttpTransportException::unreadableAnswerStatus)
                .orElse(cause.getStatusCode());
        this.code = unreadableAnswer(cause).isPresent() ? MALFORMED_RESPONSE
                : cause.isTimeout() ? "Timeout" : blankTo(cause.getServiceCode(), "ClientError");
        this.opcRequestId = blankTo(cause.getOpcRequestId(), "");
        this.listedBefore = List.of();
    }

    /**
     * A successful answer whose body is not the model asked for (a field of the wrong type, a date that is
     * not a date): OCI answered, wrongly, so it is a MalformedResponse, never "could not reach OCI".
     */
    private static Optional<HttpTransportException> unreadableAnswer(BmcException e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof HttpTransportException h && h.unreadableAnswerStatus() / 100 == 2) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    private OciCallException(String operation, int status, String code, String message) {
        super(message);
        this.operation = operation;
        this.status = status;
        this.code = code;
        this.opcRequestId = "";
        this.listedBefore = List.of();
    }

    /**
     * A paged listing stopped on purpose (its page cap, the deadline) with {@code listed} read so far.
     * Status 0: no HTTP answer failed.
     */
    public static OciCallException listingCut(String operation, String code, String message, List<String> listed) {
        return new OciCallException(operation, 0, code, message).listedBefore(listed);
    }

    /** The ids a paged listing had read before it failed or stopped (empty for any other call). */
    public List<String> listedBefore() {
        return listedBefore;
    }

    /** The same failure, carrying the ids its listing had read before it. */
    public OciCallException listedBefore(List<String> ids) {
        return new OciCallException(this, code, getMessage(), ids);
    }

    /**
     * A 200 answer that is not what was asked for (no id, state or compartment, another resource, a
     * key state OCI does not have): a fault, never judged as a resource that fails the policy.
     */
    public static OciCallException malformedResponse(String operation, String what) {
        return new OciCallException(operation, 200, MALFORMED_RESPONSE, malformed(operation, 200, what));
    }

    private static String malformed(String operation, int status, String what) {
        return operation + " answered " + status + " but not with the resource asked for: " + Echo.bounded(what, 300)
                + "; nothing was judged or changed";
    }

    public static final String MALFORMED_RESPONSE = "MalformedResponse";
    public static final String COMPARTMENT_NOT_FOUND = "CompartmentNotFound";

    /** A compartment to look in that does not exist, that the function may not inspect, or that is not ACTIVE. */
    public static OciCallException compartmentNotFound(String compartmentId, String state) {
        return new OciCallException("GetCompartment " + compartmentId, 404, COMPARTMENT_NOT_FOUND, "the compartment "
                + compartmentId + (state.isEmpty() ? " does not exist, or the function may not inspect it"
                : " is " + state + ", not ACTIVE") + ": nothing under it was checked (check the OCID and the"
                + " 'inspect compartments' grant)");
    }
    /** Service messages are echoed this far: enough to act on, never a whole error page. */
    private static final int MAX_SERVICE_MESSAGE = 300;

    private OciCallException(OciCallException original, String code, String message, List<String> listedBefore) {
        super(message, original);
        this.operation = original.operation;
        this.status = original.status;
        this.code = code;
        this.opcRequestId = original.opcRequestId;
        this.listedBefore = List.copyOf(listedBefore);
    }

    /** The same failure (status, request id kept) with a specific code and a message that says what to do. */
    public OciCallException explained(String code, String message) {
        return new OciCallException(this, code, message, listedBefore);
    }

    private static String describe(String operation, BmcException e) {
        if (e.isTimeout()) {
            return operation + " timed out: " + bounded(e.getUnmodifiedMessage());
        }
        if (e.getStatusCode() <= 0) {
            return operation + " could not reach OCI: " + bounded(e.getUnmodifiedMessage());
        }
        return operation + " failed with HTTP " + e.getStatusCode() + " " + e.getServiceCode() + ": "
                + bounded(e.getUnmodifiedMessage())
                + (e.getOpcRequestId() == null ? "" : " (opc-request-id " + e.getOpcRequestId() + ")");
    }

    /** Token- and key-shaped text: SDK client-side messages must never carry them into results or logs. */
    private static final Pattern SECRET_SHAPED = Pattern.compile(
            "-----BEGIN[^-]*-----.*?(-----END[^-]*-----|$)|eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_.-]+|ST\\$[A-Za-z0-9_.-]+");

    private static String bounded(String message) {
        String oneLine = SECRET_SHAPED.matcher(String.valueOf(message).replaceAll("\\s+", " "))
                .replaceAll("<not shown>");
        return Echo.bounded(oneLine, MAX_SERVICE_MESSAGE);
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
