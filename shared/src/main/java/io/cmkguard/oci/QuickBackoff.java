package io.cmkguard.oci;

import com.oracle.bmc.waiter.DelayStrategy;
import com.oracle.bmc.waiter.WaiterConfiguration;

/**
 * Exponential backoff that starts small: the SDK's default waits seconds between attempts and up
 * to 30 s in all, longer than a function invocation may take.
 */
final class QuickBackoff implements DelayStrategy {
    private static final long FIRST_DELAY_MILLIS = 200;
    private static final long MAX_DELAY_MILLIS = 2_000;

    @Override
    public long nextDelay(WaiterConfiguration.WaitContext context) {
        int attempt = Math.max(1, context.getAttemptsMade());
        return Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << Math.min(attempt - 1, 10));
    }
}
