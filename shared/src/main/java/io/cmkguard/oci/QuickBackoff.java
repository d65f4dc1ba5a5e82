package io.cmkguard.oci;

import com.oracle.bmc.waiter.DelayStrategy;
import com.oracle.bmc.waiter.WaiterConfiguration;

/**
 * Exponential backoff that starts small: the SDK's default waits seconds between attempts and up
 * to 30 s in all, longer than a function invocation may take. A pause never outlives the calling
 * thread's {@link CallDeadline}.
 */
final class QuickBackoff implements DelayStrategy {
    private static final long FIRST_DELAY_MILLIS = 200;
    private static final long MAX_DELAY_MILLIS = 2_000;

    @Override
    public long nextDelay(WaiterConfiguration.WaitContext context) {
        return CallDeadline.cut(delayMillis(context.getAttemptsMade()));
    }

    /** The pause after the given attempt (1-based): 200 ms, 400 ms, 800 ms ... at most 2 s. */
    static long delayMillis(int attemptsMade) {
        int attempt = Math.max(1, attemptsMade);
        return Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << Math.min(attempt - 1, 10));
    }
}
