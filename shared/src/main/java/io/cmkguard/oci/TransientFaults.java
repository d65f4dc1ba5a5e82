package io.cmkguard.oci;

import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.retrier.RetryCondition;

/**
 * Retries throttling, server faults and timeouts only. Unlike the SDK default it does not retry
 * 409 IncorrectState: a resource that is not AVAILABLE will not become so within one invocation,
 * and the answer is to report, not to wait.
 */
final class TransientFaults implements RetryCondition {
    @Override
    public boolean shouldBeRetried(BmcException e) {
        return e.isTimeout() || isTransient(e.getStatusCode()) || (e.getStatusCode() == -1 && e.isClientSide());
    }

    /** Throttling and server faults that a later attempt may get past. */
    static boolean isTransient(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }
}
