package io.cmkguard.guard.sweep;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The continuation tokens this function instance has already run a budget-spending sweep from: a token
 * is single-use, so a replay cannot spend its budget again. Held in memory until the token would have
 * expired anyway, at most {@link #CAPACITY} of them (the oldest is forgotten first). It is per warm
 * instance: see docs/reliability.md for what that leaves open when a key is configured.
 */
public final class SpentContinuations implements ContinuationClaims {
    static final int CAPACITY = 100_000;

    /** token id → when the token expires (it cannot be used after that anyway). */
    private final LinkedHashMap<String, Instant> spent = new LinkedHashMap<>();

    /** True the first time a token id is claimed; false for a replay. */
    @Override
    public synchronized boolean claim(String sweepId, String tokenId, Instant expiresAt, Instant now) {
        for (Iterator<Map.Entry<String, Instant>> it = spent.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().isAfter(now)) {
                break; // entries are in claim order and expire in about that order
            }
            it.remove();
        }
        if (spent.containsKey(tokenId)) {
            return false;
        }
        if (spent.size() >= CAPACITY) {
            Iterator<String> oldest = spent.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        spent.put(tokenId, expiresAt);
        return true;
    }

    /** Forgets a claim whose invocation judged nothing (its compartments could not be read): it may be sent again. */
    @Override
    public synchronized void release(String sweepId, String tokenId) {
        spent.remove(tokenId);
    }
}
