package io.cmkguard.emulator;

import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How an emulator behaves.
 *
 * @param trustedKeys the public keys whose signatures are accepted; with none, every request is rejected
 * @param latency     added to every request
 * @param transition  how long an autonomous database stays UPDATING after a key change
 * @param throttlePerSecond requests a second answered normally; past it 429 with Retry-After (0 = no throttle)
 */
public record EmulatorOptions(List<PublicKey> trustedKeys, Duration latency, Duration transition,
                              int throttlePerSecond) {

    public EmulatorOptions {
        trustedKeys = List.copyOf(trustedKeys);
        latency = nonNegative(latency, "latency");
        transition = nonNegative(transition, "transition");
        if (throttlePerSecond < 0) {
            throw new IllegalArgumentException("throttlePerSecond must not be negative: " + throttlePerSecond);
        }
    }

    /** Trusts the given keys, no latency, key changes settle on the next read. */
    public static EmulatorOptions trusting(PublicKey... keys) {
        return new EmulatorOptions(Arrays.asList(keys), Duration.ZERO, Duration.ZERO, 0);
    }

    public EmulatorOptions withLatency(Duration latency) {
        return new EmulatorOptions(trustedKeys, latency, transition, throttlePerSecond);
    }

    public EmulatorOptions withTransition(Duration transition) {
        return new EmulatorOptions(trustedKeys, latency, transition, throttlePerSecond);
    }

    /** Answers 429 TooManyRequests with Retry-After past this many requests a second. */
    public EmulatorOptions withThrottle(int perSecond) {
        return new EmulatorOptions(trustedKeys, latency, transition, perSecond);
    }

    public EmulatorOptions alsoTrusting(PublicKey key) {
        List<PublicKey> keys = new ArrayList<>(trustedKeys);
        keys.add(key);
        return new EmulatorOptions(keys, latency, transition, throttlePerSecond);
    }

    private static Duration nonNegative(Duration d, String name) {
        if (d == null) {
            return Duration.ZERO;
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
        return d;
    }
}
