package io.cmkguard.oci;

import com.oracle.bmc.http.ClientConfigurator;
import com.oracle.bmc.http.client.HttpClientBuilder;
import io.cmkguard.oci.http.UrlConnectionHttpProvider;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Honours Retry-After. When OCI answers 429 (or 503) with a Retry-After header, every request of
 * these clients waits until that moment before it is sent: the throttle is per tenancy, so all of
 * a sweep's threads back off, and the SDK's retry of the throttled call then gets through. The SDK
 * does not read the header itself (its retry delay sees only the attempt count). No wait outlives the
 * deadline of the thread that would wait: a sweep stops and answers its continuation instead.
 */
final class RetryAfterGate implements ClientConfigurator {
    /** A server asking for longer than this is not waited for beyond it: the function has a deadline. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final AtomicLong openAtMillis = new AtomicLong();

    @Override
    public void customizeClient(HttpClientBuilder builder) {
        builder.registerRequestInterceptor(0, request -> waitUntilOpen());
        builder.property(UrlConnectionHttpProvider.RESPONSE_LISTENER,
                response -> note(response.status(), response.header("retry-after")));
    }

    /** Records a Retry-After of a throttling or unavailable answer. */
    void note(int status, String retryAfter) {
        if ((status == 429 || status == 503) && retryAfter != null) {
            long waitMillis = Math.min(MAX_WAIT.toMillis(), parseMillis(retryAfter.trim()));
            long openAt = System.currentTimeMillis() + waitMillis;
            openAtMillis.accumulateAndGet(openAt, Math::max);
        }
    }

    /** How long the gate is still closed, in milliseconds. */
    long closedForMillis() {
        return Math.max(0, openAtMillis.get() - System.currentTimeMillis());
    }

    /**
     * Holds the request until the gate opens, unless that is after the calling thread's deadline
     * ({@link CallDeadline}): then it goes now, and OCI's refusal is its answer in time.
     */
    private void waitUntilOpen() {
        long wait = closedForMillis();
        if (wait > 0 && CallDeadline.cut(wait) == wait) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Retry-After is delay-seconds or an HTTP date (RFC 9110); anything else means no wait. */
    static long parseMillis(String value) {
        try {
            return Math.max(0, (long) (Double.parseDouble(value) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, at.toInstant().toEpochMilli() - System.currentTimeMillis());
            } catch (DateTimeParseException notADate) {
                return 0;
            }
        }
    }
}
