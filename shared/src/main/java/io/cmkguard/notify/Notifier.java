package io.cmkguard.notify;

import java.util.Optional;

/**
 * Where findings go. Each notifier renders its own message (ONS today; a direct Slack webhook
 * could be another implementation without touching the guard).
 */
public interface Notifier {

    /** Publishes one finding: its message id, or empty when it was only logged. Faults are thrown. */
    Optional<String> publish(Finding finding);

    /** Publishes a sweep's digest, one message for many findings: its message id, or empty when only logged. */
    Optional<String> publishDigest(Digest digest);

    /** Publishes what the key-health watch found for one key event: its message id, or empty when only logged. */
    Optional<String> publishKeyAlert(KeyAlert alert);
}
