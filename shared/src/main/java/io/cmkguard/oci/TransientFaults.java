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
        int status = e.getStatusCode();
        return e.isTimeout() || status == 429 || status == 500 || status == 502 || status == 503 || status == 504
                || (status == -1 && e.isClientSide());
    }
}
