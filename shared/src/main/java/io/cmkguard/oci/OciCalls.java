package io.cmkguard.oci;

import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.retrier.RetryConfiguration;

import java.util.Optional;
import java.util.function.Supplier;

/** Turns the SDK's exceptions into cmk-guard's: a 404 is an absent resource, anything else a fault. */
public final class OciCalls {
    /**
     * Key writes are sent once: the remediator re-reads after a failed or lost write and decides
     * itself whether to send it again. A blind retry of a write that landed would only meet its own
     * new etag (412) and hide that it landed.
     */
    public static final RetryConfiguration WRITE_ONCE = RetryConfiguration.NO_RETRY_CONFIGURATION;

    private OciCalls() {
    }

    /** Runs a read; 404 (OCI's NotAuthorizedOrNotFound) means "not there", so empty. */
    public static <T> Optional<T> find(String operation, Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (BmcException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw new OciCallException(operation, e);
        }
    }

    /** Runs a call whose failure is always a fault, 404 included. */
    public static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (BmcException e) {
            throw new OciCallException(operation, e);
        }
    }
}
