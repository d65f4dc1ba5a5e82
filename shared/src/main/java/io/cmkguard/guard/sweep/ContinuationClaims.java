package io.cmkguard.guard.sweep;

import java.time.Instant;

/**
 * Where a sweep records the continuation tokens it has run from, so that a token that spends a budget or
 * continues a chain is used once: a replay cannot spend the budget again, a repeated delivery cannot fork the
 * chain. In memory per instance ({@link SpentContinuations}), or in the report bucket for every instance.
 */
public interface ContinuationClaims {
    /** True the first time a token is claimed; false when it was already used. */
    boolean claim(String sweepId, String tokenId, Instant expiresAt, Instant now);

    /**
     * Forgets a claim whose invocation judged nothing (it could not start), so the token may be sent again; best
     * effort: where the claim cannot be removed (a bucket's retention rule), the token stays used. Never throws.
     */
    void release(String sweepId, String tokenId);
}
